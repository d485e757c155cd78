package io.sipexporter.sip;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Character classes and the decimal reader of the RFC 3261 25.1 grammar, on raw bytes. */
final class SipChars {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long LFS = ONES * '\n';
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';

  private SipChars() {}

  /** Index of the first LF in [from, to), or {@code to}. */
  static int indexOfLf(byte[] buf, int from, int to) {
    int i = from;
    for (; i <= to - Long.BYTES; i += Long.BYTES) {
      long zeros = zeros((long) LONGS.get(buf, i) ^ LFS);
      if (zeros != 0) {
        return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
      }
    }
    while (i < to && buf[i] != '\n') {
      i++;
    }
    return i;
  }

  /** A word with {@code b} in each of its eight bytes, for {@link #indexOf}. */
  static long every(char b) {
    return ONES * b;
  }

  /**
   * Index of the first byte in [from, to) that {@code bytes} (a word of {@link #every} one byte)
   * holds, or {@code to}. Reads eight bytes at a time: a word XOR the byte has a zero byte where
   * the byte was, and the lowest zero byte is found exactly by the "has zero byte" trick (netty
   * SWARUtil); little-endian makes the lowest byte the first.
   */
  static int indexOf(byte[] buf, int from, int to, long bytes) {
    int i = from;
    for (; i <= to - Long.BYTES; i += Long.BYTES) {
      long zeros = zeros((long) LONGS.get(buf, i) ^ bytes);
      if (zeros != 0) {
        return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
      }
    }
    byte b = (byte) bytes;
    while (i < to && buf[i] != b) {
      i++;
    }
    return i;
  }

  /**
   * Index of the first byte in [from, to) that any of {@code a}, {@code b} and {@code c} (words of
   * {@link #every} one byte) holds, or {@code to}. The lowest of the three zero-byte marks is
   * exact: a false mark of one test only ever sits above a true mark of the same test.
   */
  static int indexOfAny(byte[] buf, int from, int to, long a, long b, long c) {
    int i = from;
    for (; i <= to - Long.BYTES; i += Long.BYTES) {
      long w = (long) LONGS.get(buf, i);
      long zeros = zeros(w ^ a) | zeros(w ^ b) | zeros(w ^ c);
      if (zeros != 0) {
        return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
      }
    }
    while (i < to && buf[i] != (byte) a && buf[i] != (byte) b && buf[i] != (byte) c) {
      i++;
    }
    return i;
  }

  /**
   * Index of the first byte in [from, to) that is a control byte, SP or non-ASCII (unsigned
   * 0x00-0x20 or 0x80-0xff), or {@code to}: where a Request-URI ends (RFC 3261 7.1). A word minus
   * 0x21 in every byte borrows into the high bit exactly where the lowest such byte is.
   */
  static int indexOfSpaceOrControl(byte[] buf, int from, int to) {
    int i = from;
    for (; i <= to - Long.BYTES; i += Long.BYTES) {
      long w = (long) LONGS.get(buf, i);
      long marks = ((w - ONES * 0x21) | w) & HIGHS;
      if (marks != 0) {
        return i + (Long.numberOfTrailingZeros(marks) >>> 3);
      }
    }
    while (i < to && buf[i] > ' ') {
      i++;
    }
    return i;
  }

  /**
   * True when buf[from, to) holds the byte {@code bytes} (a word of {@link #every} one byte) holds.
   * Words only: the last one overlaps the one before, or for fewer than eight bytes has the bytes
   * past {@code to} masked off (a false "zero" byte lies only above a true one, so none is left).
   */
  static boolean contains(byte[] buf, int from, int to, long bytes) {
    int n = to - from;
    if (n < Long.BYTES) {
      return n > 0 && (zeros(word(buf, from) ^ bytes) & ((1L << (8 * n)) - 1)) != 0;
    }
    for (int i = from; i < to - Long.BYTES; i += Long.BYTES) {
      if (zeros((long) LONGS.get(buf, i) ^ bytes) != 0) {
        return true;
      }
    }
    return zeros((long) LONGS.get(buf, to - Long.BYTES) ^ bytes) != 0;
  }

  /** The high bit of the lowest zero byte of {@code x} (and maybe of bytes above it). */
  private static long zeros(long x) {
    return (x - ONES) & ~x & HIGHS;
  }

  /**
   * The eight bytes at buf[i] as a little-endian word, zeros past the array's end: a zero byte ends
   * every comparison the way a line end does.
   */
  static long word(byte[] buf, int i) {
    return i <= buf.length - Long.BYTES ? (long) LONGS.get(buf, i) : lastWord(buf, i);
  }

  /** {@link #word} within eight bytes of the array's end: kept out of line, it is rare. */
  private static long lastWord(byte[] buf, int i) {
    long w = 0;
    for (int k = Math.min(buf.length, i + Long.BYTES) - 1; k >= i; k--) {
      w = w << 8 | (buf[k] & 0xff);
    }
    return w;
  }

  private static final boolean[] TOKEN = new boolean[256];

  static {
    for (char c = '0'; c <= '9'; c++) {
      TOKEN[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      TOKEN[c] = true;
      TOKEN[c - 32] = true;
    }
    for (char c : "-.!%*_+`'~".toCharArray()) {
      TOKEN[c] = true;
    }
  }

  /**
   * RFC 3261 25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" /
   * "~").
   */
  static boolean isToken(byte b) {
    return TOKEN[b & 0xff];
  }

  /** RFC 3261 25.1: WSP = SP / HTAB. */
  static boolean isWsp(byte b) {
    return b <= ' ' && (b == ' ' || b == '\t'); // one compare for the usual printable byte
  }

  /**
   * RFC 3261 25.1: LWS = [*WSP CRLF] 1*WSP; inside a folded value CR and LF count as whitespace.
   */
  static boolean isLws(byte b) {
    return b <= ' ' && (b == ' ' || b == '\t' || b == '\r' || b == '\n');
  }

  /**
   * True when buf[from, to) holds a control byte other than HTAB, CR and LF: not a SIP text line.
   */
  static boolean hasBinary(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = buf[i];
      if ((b >= 0 && b < 0x20 && b != '\t' && b != '\r' && b != '\n') || b == 0x7f) {
        return true;
      }
    }
    return false;
  }

  /**
   * RFC 3261 25.1: quoted-string = DQUOTE *(qdtext / quoted-pair) DQUOTE; from just after the
   * opening quote at buf[p], returns the index after the closing one, or {@code to}.
   */
  static int skipQuoted(byte[] buf, int p, int to) {
    while ((p = indexOfAny(buf, p, to, QUOTES, BACKSLASHES, QUOTES)) < to) {
      if (buf[p] == '"') {
        return p + 1;
      }
      p = Math.min(p + 2, to); // a quoted-pair: the escaped byte is text
    }
    return to;
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
}
