package io.sipexporter.sip;

/**
 * Reads one {@code ;name=value} parameter of a header value (Via's branch, From's and To's tag),
 * without allocating: the value's offset and length come packed in one long.
 */
final class GenericParam {
  private GenericParam() {}

  /**
   * The token value of the parameter that starts at buf[p] (just after its ';') if it is {@code
   * name=token}, packed as {@code offset << 32 | length}, else 0. RFC 3261 25.1: generic-param =
   * token [ EQUAL gen-value ]; the name ignores case (20.42 via-params, 20.20 tag-param), LWS may
   * surround the '='.
   */
  static long value(byte[] buf, int p, int to, LowerWord name) {
    int n = SipChars.skipLws(buf, p, to);
    int e = n + name.length();
    if (e > to || !name.prefixOf(SipChars.word(buf, n)) || (e < to && SipChars.isToken(buf[e]))) {
      return 0;
    }
    int eq = SipChars.skipLws(buf, e, to);
    if (eq == to || buf[eq] != '=') {
      return 0;
    }
    int v = SipChars.skipLws(buf, eq + 1, to);
    int ve = v;
    while (ve < to && SipChars.isToken(buf[ve])) {
      ve++;
    }
    return ve == v ? 0 : (long) v << 32 | (ve - v);
  }

  static int offset(long packed) {
    return (int) (packed >>> 32);
  }

  static int length(long packed) {
    return (int) packed;
  }
}
