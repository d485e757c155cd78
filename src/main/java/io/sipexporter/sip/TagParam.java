package io.sipexporter.sip;

/**
 * Finds the {@code tag} parameter of a From or To value, without allocating: the result packs the
 * value's offset and length into one long.
 */
final class TagParam {
  private static final LowerWord TAG = LowerWord.of("tag");
  private static final long SEMI = SipChars.every(';');
  private static final long LT = SipChars.every('<');
  private static final long GT = SipChars.every('>');
  private static final long QUOTE = SipChars.every('"');

  private TagParam() {}

  /**
   * RFC 3261 20.20 / 20.39: from-spec = (name-addr / addr-spec) *(SEMI from-param), tag-param =
   * "tag" EQUAL token. A {@code ;tag=} inside {@code <...>} is a URI parameter and inside a quoted
   * display name is text; both are skipped. Returns 0 (offset 0, length 0) when there is no tag.
   */
  static long find(byte[] buf, int from, int to) {
    int p = from;
    int angle = -2; // where the name-addr's '<' is: -2 not looked for yet, -1 none (addr-spec)
    while ((p = SipChars.indexOfAny(buf, p, to, SEMI, LT, QUOTE)) < to) {
      byte b = buf[p++];
      if (b == '"') {
        p = SipChars.skipQuoted(buf, p, to);
      } else if (b == '<') {
        angle = p - 1;
        // RFC 3261 20.10: the URI inside <> keeps its own parameters
        p = Math.min(SipChars.indexOf(buf, p, to, GT) + 1, to);
      } else {
        if (angle == -2) {
          angle = angleBracket(buf, p, to);
        }
        if (p < angle) {
          continue; // RFC 3261 20.10: before the <, a (malformed, unquoted) display name
        }
        long tag = GenericParam.value(buf, p, to, TAG);
        if (tag > 0) {
          return tag;
        }
      }
    }
    return 0;
  }

  /**
   * Index of the first '<' outside quoted strings in buf[p, to), or -1: looked for once per value.
   */
  private static int angleBracket(byte[] buf, int p, int to) {
    while (p < to) {
      byte b = buf[p++];
      if (b == '"') {
        p = SipChars.skipQuoted(buf, p, to);
      } else if (b == '<') {
        return p - 1;
      }
    }
    return -1;
  }
}
