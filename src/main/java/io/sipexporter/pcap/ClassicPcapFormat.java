package io.sipexporter.pcap;

import java.io.IOException;

/** Reads classic libpcap records: either byte order, microsecond or nanosecond timestamps. */
final class ClassicPcapFormat implements CaptureReader.Format {
  private static final int GLOBAL_HEADER = 24;
  private static final int RECORD_HEADER = 16;

  private final WireInput in;
  private final byte[] buf;
  private boolean bigEndian;
  private boolean nanos;
  private int linkType = -1;
  private boolean stopped;

  ClassicPcapFormat(WireInput in, byte[] buf) {
    this.in = in;
    this.buf = buf;
  }

  // pcap file format (draft-ietf-opsawg-pcap): magic A1B2C3D4 (usec) or A1B23C4D (nsec), any order.
  static boolean isMagic(byte[] b) {
    long be = WireInput.u32(b, 0, true);
    long le = WireInput.u32(b, 0, false);
    return be == 0xA1B2C3D4L || be == 0xA1B23C4DL || le == 0xA1B2C3D4L || le == 0xA1B23C4DL;
  }

  @Override
  public CaptureResult next(CaptureFrame out) throws IOException {
    if (stopped) {
      return CaptureResult.END;
    }
    if (linkType < 0 && !readGlobalHeader()) {
      return CaptureResult.TRUNCATED_RECORD;
    }
    // Record header: ts seconds, ts fraction, captured length, original length (u32 each).
    int n = in.read(buf, 0, RECORD_HEADER);
    if (n < RECORD_HEADER) {
      return n == 0 ? CaptureResult.END : CaptureResult.TRUNCATED_RECORD;
    }
    long seconds = WireInput.u32(buf, 0, bigEndian);
    long fraction = WireInput.u32(buf, 4, bigEndian);
    long captured = WireInput.u32(buf, 8, bigEndian);
    long original = WireInput.u32(buf, 12, bigEndian);
    if (captured > CaptureReader.MAX_RECORD) {
      stopped = true; // no block structure to resync on: stop cleanly
      return CaptureResult.OVERSIZE_RECORD;
    }
    if (in.read(buf, 0, (int) captured) < captured) {
      return CaptureResult.TRUNCATED_RECORD;
    }
    long nano = nanos ? fraction : fraction * 1000;
    out.set(
        buf,
        0,
        (int) captured,
        linkType,
        seconds + nano / 1_000_000_000L,
        (int) (nano % 1_000_000_000L));
    out.originalLength = (int) Math.min(original, Integer.MAX_VALUE);
    return CaptureResult.PACKET;
  }

  // Global header: magic, version 2.4, thiszone, sigfigs, snaplen, link type (low 16 bits).
  private boolean readGlobalHeader() throws IOException {
    bigEndian = (buf[0] & 0xff) == 0xA1;
    nanos = WireInput.u32(buf, 0, bigEndian) == 0xA1B23C4DL;
    if (in.read(buf, 4, GLOBAL_HEADER - 4) < GLOBAL_HEADER - 4) {
      stopped = true;
      return false;
    }
    linkType = (int) (WireInput.u32(buf, 20, bigEndian) & 0xffff);
    return true;
  }
}
