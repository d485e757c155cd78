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
  boolean gapBeforeSink; // bytes were lost before the first ones delivered
  int nextSeq;
  long lastSeen;
  int lastSeenNanos;
  private long heldSince; // capture time of the oldest segment waiting for a hole to fill
  private final int[] heldSeq = new int[MAX_HELD_SEGMENTS];
  private final byte[][] heldData = new byte[MAX_HELD_SEGMENTS][];
  private int heldCount;
  private int heldBytes;

  TcpFlow(FlowKey key) {
    this.key = key;
  }

  /** Copies an out-of-order segment captured at the given time; false when over the bounds. */
  boolean hold(int seq, byte[] b, int off, int len, long seconds, int nanos) {
    if (heldCount == MAX_HELD_SEGMENTS || heldBytes + len > MAX_HELD_BYTES) {
      return false;
    }
    if (heldCount == 0) {
      heldSince = seconds * 1_000_000_000L + nanos;
    }
    heldSeq[heldCount] = seq;
    heldData[heldCount++] = Arrays.copyOfRange(b, off, off + len);
    heldBytes += len;
    return true;
  }

  /** Capture time since the oldest held segment arrived, nanoseconds. */
  long heldFor(long seconds, int nanos) {
    return seconds * 1_000_000_000L + nanos - heldSince;
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
