package io.sipexporter.sip;

/**
 * The protocol token of a Reason value (RFC 3326 2; STIR registered by RFC 9410): the {@code
 * protocol} label of {@code sip_reason_causes_total}. Every other token is {@link #OTHER}.
 */
public enum ReasonProtocol {
  /** A SIP response code (RFC 3326 2). */
  SIP("SIP"),
  /** An ITU-T Q.850 cause value (RFC 3326 2). */
  Q850("Q.850"),
  /** A STIR/SHAKEN failure, as a SIP response code (RFC 9410, RFC 8224 6.2.2). */
  STIR("STIR"),
  OTHER("other");

  private static final ReasonProtocol[] VALUES = values();
  private static final LowerWord SIP_TOKEN = LowerWord.of("sip");
  private static final LowerWord Q850_TOKEN = LowerWord.of("q.850");
  private static final LowerWord STIR_TOKEN = LowerWord.of("stir");

  private final String label;

  ReasonProtocol(String label) {
    this.label = label;
  }

  /** The label value: {@code SIP}, {@code Q.850}, {@code STIR} or {@code other}. */
  public String label() {
    return label;
  }

  /** Number of protocols, {@link #OTHER} included: the size of per-protocol arrays. */
  public static int count() {
    return VALUES.length;
  }

  /** The protocol at an ordinal, without the array copy {@code values()} makes. */
  public static ReasonProtocol ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }

  /** RFC 3326 2: protocol = "SIP" / "Q.850" / token, compared ignoring case (RFC 3261 7.3.1). */
  static ReasonProtocol match(byte[] buf, int off, int len) {
    long w = SipChars.word(buf, off);
    if (len == SIP_TOKEN.length() && SIP_TOKEN.prefixOf(w)) {
      return SIP;
    }
    if (len == Q850_TOKEN.length() && Q850_TOKEN.prefixOf(w)) {
      return Q850;
    }
    if (len == STIR_TOKEN.length() && STIR_TOKEN.prefixOf(w)) {
      return STIR;
    }
    return OTHER;
  }
}
