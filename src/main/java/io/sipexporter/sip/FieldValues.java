package io.sipexporter.sip;

/** Reads the values of the CSeq, Call-ID and Via fields into a {@link SipMessage}. */
final class FieldValues {
  private static final long MAX_CSEQ = Integer.MAX_VALUE;
  private static final LowerWord BRANCH = LowerWord.of("branch");
  private static final long SEMI = SipChars.every(';');
  private static final long COMMA = SipChars.every(',');
  private static final long QUOTE = SipChars.every('"');

  private FieldValues() {}

  /**
   * RFC 3261 20.16: CSeq = "CSeq" HCOLON 1*DIGIT LWS Method; the number is below 2^31 (8.1.1.5).
   */
  static boolean cseq(byte[] buf, int from, int to, SipMessage out) {
    from = SipChars.skipLws(buf, from, to);
    long number = 0;
    int d = from;
    for (int digit; d < to && (digit = buf[d] - '0') >= 0 && digit <= 9; d++) {
      number = number * 10 + digit;
      if (number > MAX_CSEQ) {
        return false;
      }
    }
    int m = SipChars.skipLws(buf, d, to);
    int e = m;
    while (e < to && SipChars.isToken(buf[e])) {
      e++;
    }
    if (d == from || m == d || e == m || SipChars.skipLws(buf, e, to) != to) {
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
    while ((p = SipChars.indexOfAny(buf, p, to, SEMI, COMMA, QUOTE)) < to && buf[p] != ',') {
      if (buf[p++] == '"') {
        while (p < to && buf[p++] != '"') {
          // RFC 3261 25.1: a quoted-string may hold ';' and ','
        }
      } else {
        // RFC 3261 20.42: via-branch = "branch" EQUAL token; the first non-empty one counts
        long branch = GenericParam.value(buf, p, to, BRANCH);
        if (branch != 0) {
          out.branchOffset = GenericParam.offset(branch);
          out.branchLength = GenericParam.length(branch);
          return;
        }
      }
    }
  }
}
