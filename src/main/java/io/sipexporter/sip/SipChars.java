package io.sipexporter.sip;

/** Character classes and the decimal reader of the RFC 3261 25.1 grammar, on raw bytes. */
final class SipChars {
  private SipChars() {}

  /** RFC 3261 25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"). */
  static boolean isToken(byte b) {
    if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) {
      return true;
    }
    switch (b) {
      case '-', '.', '!', '%', '*', '_', '+', '`', '\'', '~':
        return true;
      default:
        return false;
    }
  }

  /** RFC 3261 25.1: WSP = SP / HTAB. */
  static boolean isWsp(byte b) {
    return b == ' ' || b == '\t';
  }

  /** RFC 3261 25.1: LWS = [*WSP CRLF] 1*WSP; inside a folded value CR and LF count as whitespace. */
  static boolean isLws(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  /** A control byte other than HTAB, CR and LF: never part of a SIP start line. */
  static boolean isBinary(byte b) {
    return (b >= 0 && b < 0x20 && b != '\t' && b != '\r' && b != '\n') || b == 0x7f;
  }

  /** First index in [from, to) that is not LWS, or {@code to}. */
  static int skipLws(byte[] buf, int from, int to) {
    while (from < to && isLws(buf[from])) {
      from++;
    }
    return from;
  }

  /** One past the last index in [from, to) that is not LWS, or {@code from}. */
  static int trimLws(byte[] buf, int from, int to) {
    while (to > from && isLws(buf[to - 1])) {
      to--;
    }
    return to;
  }

  /**
   * The decimal {@code 1*DIGIT} that is all of buf[from, to), or -1 when it is empty, holds a
   * non-digit, or exceeds {@code max}. Never overflows: stops as soon as the value passes max.
   */
  static long digits(byte[] buf, int from, int to, long max) {
    if (from >= to) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int d = buf[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
      if (value > max) {
        return -1;
      }
    }
    return value;
  }

  /** True when buf[off, to) starts with the upper-case ASCII {@code upper}, ignoring case. */
  static boolean startsWithIgnoreCase(byte[] buf, int off, int to, byte[] upper) {
    if (to - off < upper.length) {
      return false;
    }
    for (int i = 0; i < upper.length; i++) {
      byte b = buf[off + i];
      if (b >= 'a' && b <= 'z') {
        b -= 32;
      }
      if (b != upper[i]) {
        return false;
      }
    }
    return true;
  }
}
