package io.sipexporter.sip;

/**
 * Walks the header fields of one SIP message and finds where the header section ends and how long
 * the body is: shared by {@link SipScanner} and the TCP stream framer. Reusable, not thread-safe.
 *
 * <pre>{@code
 * int head = HeaderSection.headerLength(buf, off, len, 0);   // -1: no blank line yet
 * long body = head < 0 ? -1 : section.contentLength(buf, off, head);
 * }</pre>
 */
public final class HeaderSection {
  /** {@link #contentLength}: the message has no Content-Length header. */
  public static final long ABSENT = -1;

  /** {@link #contentLength}: the Content-Length value is not a decimal in 0..2^31-1. */
  public static final long BAD = -2;

  static final int FIELD = 0;
  static final int END = 1;
  static final int TRUNCATED = 2;

  private static final long MAX_CONTENT_LENGTH = Integer.MAX_VALUE;

  byte[] buf;
  int pos;
  int end;
  int lineStart;
  int valueEnd;

  /**
   * Bytes from {@code off} through the blank line ending the header section of the message at
   * buf[off, off+len), or -1 if there is none yet. RFC 3261 7: the header section ends with an
   * empty line, CRLF (bare LF accepted, as many stacks do). The search begins at {@code off+from},
   * so a caller that already searched a prefix passes its length minus 2.
   */
  public static int headerLength(byte[] buf, int off, int len, int from) {
    int end = off + len;
    for (int i = SipChars.indexOfLf(buf, off + Math.max(from, 0), end);
        i < end - 1;
        i = SipChars.indexOfLf(buf, i + 1, end)) {
      byte next = buf[i + 1];
      if (next == '\n') {
        return i + 2 - off;
      }
      if (next == '\r' && i + 2 < end && buf[i + 2] == '\n') {
        return i + 3 - off;
      }
    }
    return -1;
  }

  /**
   * The Content-Length of the message whose header section is buf[off, off+headerLength): a value
   * in 0..2^31-1, {@link #ABSENT} or {@link #BAD}. The first Content-Length (or {@code l}) wins.
   */
  public long contentLength(byte[] buf, int off, int headerLength) {
    int end = off + headerLength;
    start(buf, SipChars.indexOfLf(buf, off, end) + 1, end); // after the start line
    while (next() == FIELD) {
      long named = HeaderName.read(buf, lineStart, valueEnd);
      if (HeaderName.name(named) == HeaderName.CONTENT_LENGTH) {
        return contentLengthValue(HeaderName.valueOffset(named));
      }
    }
    return ABSENT;
  }

  /**
   * RFC 3261 20.14: Content-Length = ("Content-Length" / "l") HCOLON 1*DIGIT; value of the current
   * field.
   */
  long contentLengthValue(int valueOff) {
    int from = SipChars.skipLws(buf, valueOff, valueEnd);
    long v = SipChars.digits(buf, from, SipChars.trimLws(buf, from, valueEnd), MAX_CONTENT_LENGTH);
    return v < 0 ? BAD : v;
  }

  void start(byte[] buf, int pos, int end) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  /**
   * Moves to the next header field: FIELD (the field's line is buf[lineStart, valueEnd), folded
   * lines included, for {@link HeaderName#read}), END (blank line consumed) or TRUNCATED (the bytes
   * ran out first).
   */
  int next() {
    int p = pos;
    int lf = SipChars.indexOfLf(buf, p, end);
    if (lf - p <= 1 && lf < end && (lf == p || buf[p] == '\r')) {
      pos = lf + 1; // RFC 3261 7: the empty line (CRLF, or a bare LF) ends the header section
      return END;
    }
    // RFC 3261 7.3.1: a line starting with SP or HTAB continues the field above it (folding)
    while (lf + 1 < end && SipChars.isWsp(buf[lf + 1])) {
      lf = SipChars.indexOfLf(buf, lf + 1, end);
    }
    if (lf + 1 >= end) {
      return TRUNCATED; // no line end, or nothing after it: the blank line is still missing
    }
    pos = lf + 1;
    int lineEnd = lf > p && buf[lf - 1] == '\r' ? lf - 1 : lf;
    lineStart = p;
    valueEnd = lineEnd;
    return FIELD;
  }
}
