package io.sipexporter.pcap;

/**
 * One link-layer frame read by {@link CaptureReader}: a window into the reader's buffer, valid
 * until the next read, with its link type and capture timestamp. Reused for every frame.
 */
public final class CaptureFrame {
  byte[] buffer;
  int offset;
  int length;
  int originalLength;
  int linkType;
  long timestampSeconds;
  int timestampNanos;

  /** Sets every field; used by the readers and by tests that build frames by hand. */
  public CaptureFrame set(byte[] buf, int off, int len, int linkType, long seconds, int nanos) {
    this.buffer = buf;
    this.offset = off;
    this.length = len;
    this.originalLength = len;
    this.linkType = linkType;
    this.timestampSeconds = seconds;
    this.timestampNanos = nanos;
    return this;
  }

  /** Replaces the capture time: a replay puts its running clock in place of one it distrusts. */
  public void retime(long seconds, int nanos) {
    this.timestampSeconds = seconds;
    this.timestampNanos = nanos;
  }

  public byte[] buffer() {
    return buffer;
  }

  public int offset() {
    return offset;
  }

  /** Captured bytes (may be less than {@link #originalLength()} when the snap length cut it). */
  public int length() {
    return length;
  }

  /** Length of the packet on the wire. */
  public int originalLength() {
    return originalLength;
  }

  /** LINKTYPE_* value: 1 Ethernet, 113 Linux SLL, 276 SLL2, 101 raw IP, 0 BSD null, ... */
  public int linkType() {
    return linkType;
  }

  /** Capture time, seconds since the epoch. */
  public long timestampSeconds() {
    return timestampSeconds;
  }

  /** Capture time, nanoseconds within the second. */
  public int timestampNanos() {
    return timestampNanos;
  }
}
