package io.sipexporter.sip;

/** Reads a request line or a status line (RFC 3261 7.1, 7.2) into a {@link SipMessage}. */
final class StartLine {
  // RFC 3261 7.1: SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT, case-insensitive
  private static final LowerWord SIP_2_0 = LowerWord.of("sip/2.0");
  private static final int VERSION_LEN = 7;

  /** Index just past the line's LF, once {@link #scan} returned OK. */
  int next;

  /**
   * Scans the line starting at buf[p] (not CR or LF), within buf[p, end). A line that fails the
   * grammar is NOT_SIP rather than BAD_START_LINE when it holds control bytes (binary junk).
   */
  ScanResult scan(byte[] buf, int p, int end, SipMessage out) {
    if (!SipChars.isToken(buf[p])) {
      return ScanResult.NOT_SIP; // every start line begins with a method token or "SIP/"
    }
    int lf = SipChars.indexOfLf(buf, p, end);
    if (lf == end) {
      return SipChars.hasBinary(buf, p, end) ? ScanResult.NOT_SIP : ScanResult.TRUNCATED;
    }
    next = lf + 1;
    int le = buf[lf - 1] == '\r' ? lf - 1 : lf;
    ScanResult r =
        isVersion(buf, p, le) ? status(buf, p + VERSION_LEN, le, out) : request(buf, p, le, out);
    return r != ScanResult.OK && SipChars.hasBinary(buf, p, le) ? ScanResult.NOT_SIP : r;
  }

  /** RFC 3261 7.2: Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF; 3DIGIT code. */
  private static ScanResult status(byte[] buf, int p, int le, SipMessage out) {
    if (p == le || buf[p] != ' ') {
      return ScanResult.BAD_START_LINE;
    }
    int from = p + 1;
    int to = from;
    while (to < le && buf[to] != ' ') {
      to++;
    }
    // RFC 3261 21: codes are 100-699; the reason phrase may be empty (with or without its SP)
    long code = to - from == 3 ? SipChars.digits(buf, from, to, 699) : -1;
    if (code < 100) {
      return ScanResult.BAD_STATUS_CODE;
    }
    out.request = false;
    out.statusCode = (int) code;
    return ScanResult.OK;
  }

  /** RFC 3261 7.1: Request-Line = Method SP Request-URI SP SIP-Version CRLF. */
  private static ScanResult request(byte[] buf, int p, int le, SipMessage out) {
    int m = p;
    while (m < le && SipChars.isToken(buf[m])) {
      m++;
    }
    if (m == le || buf[m] != ' ') {
      return ScanResult.BAD_START_LINE;
    }
    int uri = m + 1;
    int u = SipChars.indexOfSpaceOrControl(buf, uri, le);
    // RFC 3261 7.1: the version is case-insensitive; trailing whitespace is tolerated
    int version = u + 1;
    if (u == uri
        || u == le
        || buf[u] != ' '
        || !isVersion(buf, version, le)
        || SipChars.trimLws(buf, version + VERSION_LEN, le) != version + VERSION_LEN) {
      return ScanResult.BAD_START_LINE;
    }
    out.request = true;
    out.method = SipMethod.match(buf, p, m - p);
    return ScanResult.OK;
  }

  /** True when buf[at, to) starts with SIP/2.0 in any case. */
  private static boolean isVersion(byte[] buf, int at, int to) {
    return to - at >= VERSION_LEN && SIP_2_0.prefixOf(SipChars.word(buf, at));
  }
}
