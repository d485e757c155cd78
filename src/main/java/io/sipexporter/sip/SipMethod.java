package io.sipexporter.sip;

/**
 * The request methods counted under their own label; every other method token is {@link #OTHER}, so
 * the {@code method} label stays bounded.
 */
public enum SipMethod {
  INVITE, // RFC 3261
  ACK, // RFC 3261
  BYE, // RFC 3261
  CANCEL, // RFC 3261
  REGISTER, // RFC 3261
  OPTIONS, // RFC 3261
  PRACK, // RFC 3262
  SUBSCRIBE, // RFC 6665
  NOTIFY, // RFC 6665
  PUBLISH, // RFC 3903
  INFO, // RFC 6086
  REFER, // RFC 3515
  MESSAGE, // RFC 3428
  UPDATE, // RFC 3311
  OTHER;

  private static final SipMethod[] VALUES = values();

  // private, and nothing writes it after initialisation
  @SuppressWarnings("ImmutableEnumChecker")
  private final byte[] token = name().getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final String label = name().equals("OTHER") ? "other" : name();
  private final long word = firstWord(token);
  private final long mask = token.length >= Long.BYTES ? -1L : (1L << (8 * token.length)) - 1;

  /** The token's first eight bytes (fewer for a shorter one) as a little-endian word. */
  private static long firstWord(byte[] token) {
    long w = 0;
    for (int i = Math.min(token.length, Long.BYTES) - 1; i >= 0; i--) {
      w = w << 8 | (token[i] & 0xff);
    }
    return w;
  }

  /** The Prometheus label value: the method name, or {@code other}. */
  public String label() {
    return label;
  }

  /** Number of distinct methods, {@link #OTHER} included: the size of per-method arrays. */
  public static int count() {
    return VALUES.length;
  }

  /** The method at an ordinal, without the array copy {@code values()} makes. */
  public static SipMethod ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }

  /**
   * The method whose token is {@code buf[off, off+len)}, or {@link #OTHER}. RFC 3261 7.1: method
   * names are case-sensitive. Allocation-free: the token's first letter (case folded: the compare
   * is exact) and length pick the one candidate to compare (no two methods share both).
   */
  public static SipMethod match(byte[] buf, int off, int len) {
    if (len < 3 || len > MAX_LEN) {
      return OTHER;
    }
    SipMethod m = BY_FIRST_AND_LENGTH[(buf[off] & 0x1f) * (MAX_LEN + 1) + len];
    return m != null && m.spelledAt(buf, off) ? m : OTHER;
  }

  /**
   * True when buf[off...] spells this method's token: eight bytes in one compare, then the rest.
   */
  private boolean spelledAt(byte[] buf, int off) {
    int len = token.length;
    if ((SipChars.word(buf, off) & mask) != word) {
      return false;
    }
    for (int i = Long.BYTES; i < len; i++) {
      if (buf[off + i] != token[i]) {
        return false;
      }
    }
    return true;
  }

  private static final int MAX_LEN = 9; // SUBSCRIBE
  private static final SipMethod[] BY_FIRST_AND_LENGTH = new SipMethod[32 * (MAX_LEN + 1)];

  static {
    for (SipMethod m : VALUES) {
      if (m != OTHER) {
        int slot = (m.token[0] & 0x1f) * (MAX_LEN + 1) + m.token.length;
        if (BY_FIRST_AND_LENGTH[slot] != null) {
          throw new AssertionError(m + " shares its first letter and length");
        }
        BY_FIRST_AND_LENGTH[slot] = m;
      }
    }
  }
}
