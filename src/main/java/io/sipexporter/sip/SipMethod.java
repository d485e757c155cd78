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
  private final byte[] token = name().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private final String label = name().equals("OTHER") ? "other" : name();

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
   * names are case-sensitive. Allocation-free.
   */
  public static SipMethod match(byte[] buf, int off, int len) {
    for (int i = 0; i < VALUES.length - 1; i++) {
      byte[] t = VALUES[i].token;
      if (t.length == len
          && t[0] == buf[off]
          && java.util.Arrays.equals(t, 0, len, buf, off, off + len)) {
        return VALUES[i];
      }
    }
    return OTHER;
  }
}
