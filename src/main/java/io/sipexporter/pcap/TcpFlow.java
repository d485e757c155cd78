package io.sipexporter.pcap;

import java.util.Arrays;

/**
 * One direction of a TCP connection: the next expected sequence number, the sink that receives its
 * in-order bytes, and out-of-order segments held within {@link #MAX_HELD_BYTES}.
 */
final class TcpFlow {
  static final int MAX_HELD_SEGMENTS = 32;
  static final int MAX_HELD_BYTES = 64 * 1024;

  final FlowKey key;
  StreamSink sink;
  PayloadKind kind;
  boolean synced;
  int nextSeq;
  long lastSeen;
  private final int[] heldSeq = new int[MAX_HELD_SEGMENTS];
  private final byte[][] heldData = new byte[MAX_HELD_SEGMENTS][];
  private int heldCount;
  private int heldBytes;

  TcpFlow(FlowKey key) {
    this.key = key;
  }

  /** Copies an out-of-order segment; false when that would exceed the bounds. */
  boolean hold(int seq, byte[] b, int off, int len) {
    if (heldCount == MAX_HELD_SEGMENTS || heldBytes + len > MAX_HELD_BYTES) {
      return false;
    }
    heldSeq[heldCount] = seq;
    heldData[heldCount++] = Arrays.copyOfRange(b, off, off + len);
    heldBytes += len;
    return true;
  }

  boolean hasHeld() {
    return heldCount > 0;
  }

  /** Index of the held segment with the lowest sequence number relative to {@link #nextSeq}. */
  int earliestHeld() {
    int best = 0;
    for (int i = 1; i < heldCount; i++) {
      if (heldSeq[i] - nextSeq < heldSeq[best] - nextSeq) {
        best = i;
      }
    }
    return best;
  }

  int heldSeq(int i) {
    return heldSeq[i];
  }

  byte[] heldData(int i) {
    return heldData[i];
  }

  /** Forgets held segment {@code i}. */
  void release(int i) {
    heldBytes -= heldData[i].length;
    heldCount--;
    heldSeq[i] = heldSeq[heldCount];
    heldData[i] = heldData[heldCount];
    heldData[heldCount] = null;
  }
}
