package io.sipexporter.sip;

/** Reads the values of the CSeq, Call-ID and Via fields into a {@link SipMessage}. */
final class FieldValues {
  private static final long MAX_CSEQ = Integer.MAX_VALUE;
  private static final byte[] BRANCH = HeaderName.ascii("branch");

  private FieldValues() {}

  /**
   * RFC 3261 20.16: CSeq = "CSeq" HCOLON 1*DIGIT LWS Method; the number is below 2^31 (8.1.1.5).
   */
  static boolean cseq(byte[] buf, int from, int to, SipMessage out) {
    from = SipChars.skipLws(buf, from, to);
    to = SipChars.trimLws(buf, from, to);
    int d = from;
    while (d < to && buf[d] >= '0' && buf[d] <= '9') {
      d++;
    }
    int m = SipChars.skipLws(buf, d, to);
    int e = m;
    while (e < to && SipChars.isToken(buf[e])) {
      e++;
    }
    long number = SipChars.digits(buf, from, d, MAX_CSEQ);
    if (number < 0 || m == d || e == m || e != to) {
      return false;
    }
    out.cseqNumber = number;
    out.cseqMethod = SipMethod.match(buf, m, e - m);
    return true;
  }

  /** RFC 3261 20.8: Call-ID = ("Call-ID" / "i") HCOLON callid; false when the value is empty. */
  static boolean callId(byte[] buf, int from, int to, SipMessage out) {
    from = SipChars.skipLws(buf, from, to);
    to = SipChars.trimLws(buf, from, to);
    out.callIdOffset = from;
    out.callIdLength = to - from;
    return to > from;
  }

  /**
   * RFC 3261 20.42: Via = ("Via" / "v") HCOLON via-parm *(COMMA via-parm); sets the branch of the
   * first via-parm only (RFC 3261 8.1.1.7), leaving length 0 when it has none.
   */
  static void viaBranch(byte[] buf, int from, int to, SipMessage out) {
    int p = from;
    while (p < to && buf[p] != ',') {
      byte b = buf[p++];
      if (b == '"') {
        while (p < to && buf[p++] != '"') {
          // RFC 3261 25.1: a quoted-string may hold ';' and ','
        }
      } else if (b == ';') {
        p = param(buf, p, to, out);
        if (out.branchLength > 0) {
          return;
        }
      }
    }
  }

  /**
   * RFC 3261 20.42: via-params = generic-param; the name ignores case. Returns the index after the
   * name.
   */
  private static int param(byte[] buf, int p, int to, SipMessage out) {
    int n = SipChars.skipLws(buf, p, to);
    int e = n;
    while (e < to && SipChars.isToken(buf[e])) {
      e++;
    }
    if (e - n != BRANCH.length || !HeaderName.equalsLower(buf, n, BRANCH)) {
      return e;
    }
    int eq = SipChars.skipLws(buf, e, to);
    if (eq == to || buf[eq] != '=') {
      return e;
    }
    int v = SipChars.skipLws(buf, eq + 1, to);
    int ve = v;
    while (ve < to && SipChars.isToken(buf[ve])) {
      ve++;
    }
    out.branchOffset = v;
    out.branchLength = ve - v;
    return ve;
  }
}
