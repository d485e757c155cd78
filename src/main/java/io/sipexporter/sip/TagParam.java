package io.sipexporter.sip;

/**
 * Finds the {@code tag} parameter of a From or To value, without allocating: the result packs the
 * value's offset and length into one long.
 */
final class TagParam {
  private static final byte[] TAG = HeaderName.ascii("tag");

  private TagParam() {}

  /**
   * RFC 3261 20.20 / 20.39: from-spec = (name-addr / addr-spec) *(SEMI from-param), tag-param =
   * "tag" EQUAL token. A {@code ;tag=} inside {@code <...>} is a URI parameter and inside a quoted
   * display name is text; both are skipped. Returns 0 (offset 0, length 0) when there is no tag.
   */
  static long find(byte[] buf, int from, int to) {
    int p = from;
    int angle = -2; // where the name-addr's '<' is: -2 not looked for yet, -1 none (addr-spec)
    while (p < to) {
      byte b = buf[p++];
      if (b == '"') {
        p = skipQuoted(buf, p, to);
      } else if (b == '<') {
        angle = p - 1;
        while (p < to && buf[p++] != '>') {
          // RFC 3261 20.10: the URI inside <> keeps its own parameters
        }
      } else if (b == ';') {
        if (angle == -2) {
          angle = angleBracket(buf, p, to);
        }
        if (p < angle) {
          continue; // RFC 3261 20.10: before the <, a (malformed, unquoted) display name
        }
        long tag = param(buf, p, to);
        if (tag > 0) {
          return tag;
        }
      }
    }
    return 0;
  }

  static int offset(long packed) {
    return (int) (packed >>> 32);
  }

  static int length(long packed) {
    return (int) packed;
  }

  /**
   * Index of the first '<' outside quoted strings in buf[p, to), or -1: looked for once per value.
   */
  private static int angleBracket(byte[] buf, int p, int to) {
    while (p < to) {
      byte b = buf[p++];
      if (b == '"') {
        p = skipQuoted(buf, p, to);
      } else if (b == '<') {
        return p - 1;
      }
    }
    return -1;
  }

  /**
   * RFC 3261 25.1: quoted-string = DQUOTE *(qdtext / quoted-pair) DQUOTE; returns the index after
   * it.
   */
  private static int skipQuoted(byte[] buf, int p, int to) {
    while (p < to) {
      byte b = buf[p++];
      if (b == '\\') {
        p++;
      } else if (b == '"') {
        return p;
      }
    }
    return to;
  }

  /** The tag value if the generic-param at p is {@code tag=token} (name ignoring case), else 0. */
  private static long param(byte[] buf, int p, int to) {
    int n = SipChars.skipLws(buf, p, to);
    int e = n;
    while (e < to && SipChars.isToken(buf[e])) {
      e++;
    }
    if (e - n != TAG.length || !HeaderName.equalsLower(buf, n, TAG)) {
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
    return ve == v ? 0 : ((long) v << 32) | (ve - v);
  }
}
