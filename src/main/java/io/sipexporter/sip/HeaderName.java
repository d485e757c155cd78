package io.sipexporter.sip;

/** Recognises the few header names the scanner reads, in long and compact form, ignoring case. */
final class HeaderName {
  static final int OTHER = 0;
  static final int CSEQ = 1;
  static final int CALL_ID = 2;
  static final int VIA = 3;
  static final int CONTENT_LENGTH = 4;
  static final int FROM = 5;
  static final int TO = 6;

  private static final byte[] CSEQ_NAME = ascii("cseq");
  private static final byte[] CALL_ID_NAME = ascii("call-id");
  private static final byte[] VIA_NAME = ascii("via");
  private static final byte[] CONTENT_LENGTH_NAME = ascii("content-length");
  private static final byte[] FROM_NAME = ascii("from");
  private static final byte[] TO_NAME = ascii("to");

  private HeaderName() {}

  /** False when a field name starting with {@code first} cannot be one the scanner reads. */
  static boolean mayBeCounted(byte first) {
    int c = first | 0x20;
    return c == 'c' || c == 'v' || c == 'i' || c == 'l' || c == 'f' || c == 't';
  }

  /**
   * Which header buf[off, off+len) names. RFC 3261 7.3.1: header names are case-insensitive; RFC
   * 3261 7.3.3 / 20: compact forms i (Call-ID), v (Via), l (Content-Length), f (From), t (To); CSeq
   * has none.
   */
  static int of(byte[] buf, int off, int len) {
    if (len == 1) {
      switch (buf[off] | 0x20) {
        case 'i':
          return CALL_ID;
        case 'v':
          return VIA;
        case 'l':
          return CONTENT_LENGTH;
        case 'f':
          return FROM;
        case 't':
          return TO;
        default:
          return OTHER;
      }
    }
    if (len == 2 && equalsLower(buf, off, TO_NAME)) {
      return TO;
    }
    if (len == 3 && equalsLower(buf, off, VIA_NAME)) {
      return VIA;
    }
    if (len == 4 && equalsLower(buf, off, CSEQ_NAME)) {
      return CSEQ;
    }
    if (len == 4 && equalsLower(buf, off, FROM_NAME)) {
      return FROM;
    }
    if (len == 7 && equalsLower(buf, off, CALL_ID_NAME)) {
      return CALL_ID;
    }
    if (len == 14 && equalsLower(buf, off, CONTENT_LENGTH_NAME)) {
      return CONTENT_LENGTH;
    }
    return OTHER;
  }

  /**
   * True when buf[off, off+lower.length) equals the lower-case {@code lower}, ignoring ASCII case.
   */
  static boolean equalsLower(byte[] buf, int off, byte[] lower) {
    for (int i = 0; i < lower.length; i++) {
      byte b = buf[off + i];
      if (b >= 'A' && b <= 'Z') {
        b += 32;
      }
      if (b != lower[i]) {
        return false;
      }
    }
    return true;
  }

  static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
