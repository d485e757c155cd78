package io.sipexporter.sip;

/**
 * Recognises the few header names the scanner reads (Reason too), in long and compact form,
 * ignoring case.
 */
final class HeaderName {
  static final int OTHER = 0;
  static final int CSEQ = 1;
  static final int CALL_ID = 2;
  static final int VIA = 3;
  static final int CONTENT_LENGTH = 4;
  static final int FROM = 5;
  static final int TO = 6;
  static final int REASON = 7;

  // The names as little-endian words: a field's first eight bytes are compared in one step
  private static final LowerWord CSEQ_NAME = LowerWord.of("cseq");
  private static final LowerWord CALL_ID_NAME = LowerWord.of("call-id");
  private static final LowerWord CONTENT_NAME = LowerWord.of("content-");
  private static final LowerWord LENGTH_NAME = LowerWord.of("length");
  private static final LowerWord VIA_NAME = LowerWord.of("via");
  private static final LowerWord FROM_NAME = LowerWord.of("from");
  private static final LowerWord TO_NAME = LowerWord.of("to");
  private static final LowerWord REASON_NAME = LowerWord.of("reason");

  private HeaderName() {}

  /**
   * Which header the field line buf[p, lineEnd) names and where its value begins, packed as {@code
   * valueOffset << 8 | name}: {@link #OTHER} with the value at lineEnd for a field the scanner does
   * not read and for a line that is not {@code name *WSP ":" value}. RFC 3261 7.3.1: names are
   * case-insensitive, whitespace may precede the colon; 7.3.3 / 20: compact forms i (Call-ID), v
   * (Via), l (Content-Length), f (From), t (To); CSeq and Reason (RFC 3326 2) have none.
   */
  static long read(byte[] buf, int p, int lineEnd) {
    long w = SipChars.word(buf, p);
    int name;
    int length;
    // a long name that matched leaves its compact form no chance: the byte after the letter is
    // then a token character, not whitespace or the colon
    switch (((int) w & 0xff) | 0x20) {
      case 'c':
        if (CSEQ_NAME.prefixOf(w)) {
          name = CSEQ;
          length = 4;
        } else if (CALL_ID_NAME.prefixOf(w)) {
          name = CALL_ID;
          length = 7;
        } else if (CONTENT_NAME.prefixOf(w) && LENGTH_NAME.prefixOf(SipChars.word(buf, p + 8))) {
          name = CONTENT_LENGTH;
          length = 14;
        } else {
          return (long) lineEnd << 8;
        }
        break;
      case 'v':
        name = VIA;
        length = VIA_NAME.prefixOf(w) ? 3 : 1;
        break;
      case 'f':
        name = FROM;
        length = FROM_NAME.prefixOf(w) ? 4 : 1;
        break;
      case 't':
        name = TO;
        length = TO_NAME.prefixOf(w) ? 2 : 1;
        break;
      case 'i':
        name = CALL_ID;
        length = 1;
        break;
      case 'l':
        name = CONTENT_LENGTH;
        length = 1;
        break;
      case 'r':
        if (!REASON_NAME.prefixOf(w)) {
          return (long) lineEnd << 8; // Route, Record-Route, Require...
        }
        name = REASON;
        length = 6;
        break;
      default:
        return (long) lineEnd << 8; // Route, Max-Forwards...: no need to read further
    }
    return colon(buf, p + length, lineEnd, name);
  }

  /** The name part of a {@link #read} result. */
  static int name(long read) {
    return (int) read & 0xff;
  }

  /** The value offset part of a {@link #read} result. */
  static int valueOffset(long read) {
    return (int) (read >>> 8);
  }

  /**
   * The name packed with the value's offset if *WSP ":" follows the name at buf[at], else OTHER.
   */
  private static long colon(byte[] buf, int at, int lineEnd, int name) {
    while (at < lineEnd && SipChars.isWsp(buf[at])) {
      at++;
    }
    return at < lineEnd && buf[at] == ':' ? (long) (at + 1) << 8 | name : (long) lineEnd << 8;
  }
}
