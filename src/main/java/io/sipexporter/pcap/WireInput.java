package io.sipexporter.pcap;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads exact byte counts from a capture stream and decodes integers in a chosen byte order. Reads
 * the stream in chunks of whatever it has ready, up to {@link #CHUNK} bytes, so a record costs a
 * copy, not a call into the stream (and its lock) per field.
 */
final class WireInput {
  static final int CHUNK = 1 << 16;

  private final InputStream in;
  private final byte[] chunk = new byte[CHUNK];
  private int pos;
  private int limit;

  WireInput(InputStream in) {
    this.in = in;
  }

  /** Reads up to {@code n} bytes into {@code dst[off..]}; returns how many before end of input. */
  int read(byte[] dst, int off, int n) throws IOException {
    int got = 0;
    while (got < n) {
      if (pos == limit && !fill()) {
        break;
      }
      int k = Math.min(n - got, limit - pos);
      System.arraycopy(chunk, pos, dst, off + got, k);
      pos += k;
      got += k;
    }
    return got;
  }

  /** Reads what the stream has ready into the empty chunk; false at the end of input. */
  private boolean fill() throws IOException {
    int r = in.read(chunk, 0, CHUNK);
    if (r <= 0) {
      return false; // end of input (a stream that returns 0 for a non-empty read is broken)
    }
    pos = 0;
    limit = r;
    return true;
  }

  /** Discards {@code n} bytes; returns false when the input ended first. */
  boolean skip(long n, byte[] scratch) throws IOException {
    while (n > 0) {
      int r = read(scratch, 0, (int) Math.min(n, scratch.length));
      if (r == 0) {
        return false;
      }
      n -= r;
    }
    return true;
  }

  static int u16(byte[] b, int i, boolean bigEndian) {
    int x = (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    return bigEndian ? x : Integer.reverseBytes(x) >>> 16;
  }

  static long u32(byte[] b, int i, boolean bigEndian) {
    int x =
        (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    return (bigEndian ? x : Integer.reverseBytes(x)) & 0xffffffffL;
  }
}
