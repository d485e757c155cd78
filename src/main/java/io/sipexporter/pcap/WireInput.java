package io.sipexporter.pcap;

import java.io.IOException;
import java.io.InputStream;

/** Reads exact byte counts from a capture stream and decodes integers in a chosen byte order. */
final class WireInput {
  private final InputStream in;

  WireInput(InputStream in) {
    this.in = in;
  }

  /** Reads up to {@code n} bytes into {@code dst[off..]}; returns how many before end of input. */
  int read(byte[] dst, int off, int n) throws IOException {
    int got = 0;
    while (got < n) {
      int r = in.read(dst, off + got, n - got);
      if (r < 0) {
        break;
      }
      got += r;
    }
    return got;
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
