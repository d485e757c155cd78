package io.sipexporter.pcap;

import java.io.IOException;

/**
 * Reads pcapng blocks (draft-ietf-opsawg-pcapng): section headers in either byte order, interface
 * descriptions, enhanced, simple and obsolete packet blocks; every other block is skipped by
 * length.
 */
final class PcapngFormat implements CaptureReader.Format {
  private static final int SHB = 0x0A0D0D0A;
  private static final int IDB = 1;
  private static final int OBSOLETE_PB = 2;
  private static final int SPB = 3;
  private static final int EPB = 6;
  private static final long BYTE_ORDER_MAGIC = 0x1A2B3C4DL;

  private final WireInput in;
  private final byte[] buf;
  private final byte[] scratch = new byte[8192];
  private final PcapngInterfaces interfaces = new PcapngInterfaces();
  private boolean bigEndian;
  private boolean firstBlockTypeRead = true;
  private boolean stopped;

  PcapngFormat(WireInput in, byte[] buf) {
    this.in = in;
    this.buf = buf;
  }

  static boolean isSectionHeader(byte[] b) {
    return WireInput.u32(b, 0, true) == SHB; // a palindrome: the same in both byte orders
  }

  @Override
  public CaptureResult next(CaptureFrame out) throws IOException {
    while (!stopped) {
      // Every block: u32 type, u32 total length (>= 12, multiple of 4), body, u32 total length.
      int start = firstBlockTypeRead ? 4 : 0;
      firstBlockTypeRead = false;
      int n = in.read(buf, start, 8 - start);
      if (n < 8 - start) {
        return n == 0 && start == 0 ? CaptureResult.END : CaptureResult.TRUNCATED_RECORD;
      }
      int type = (int) WireInput.u32(buf, 0, bigEndian);
      if (type == SHB && !readByteOrder()) {
        return CaptureResult.TRUNCATED_RECORD;
      }
      long length = WireInput.u32(buf, 4, bigEndian);
      if (length < 12 || length % 4 != 0 || (type == SHB && length < 28)) {
        stopped = true; // the block structure is lost: stop cleanly
        return CaptureResult.BAD_BLOCK;
      }
      int read = type == SHB ? 12 : 8;
      if (length > CaptureReader.MAX_RECORD) {
        return in.skip(length - read, scratch)
            ? CaptureResult.OVERSIZE_RECORD
            : CaptureResult.TRUNCATED_RECORD;
      }
      int total = (int) length;
      if (in.read(buf, read, total - read) < total - read) {
        return CaptureResult.TRUNCATED_RECORD;
      }
      if (WireInput.u32(buf, total - 4, bigEndian) != length) {
        stopped = true;
        return CaptureResult.BAD_BLOCK;
      }
      CaptureResult r = block(type, total, out);
      if (r != null) {
        return r;
      }
    }
    return CaptureResult.END;
  }

  /** Handles one whole block in {@code buf}; null when it holds no packet. */
  private CaptureResult block(int type, int total, CaptureFrame out) {
    int bodyEnd = total - 4;
    switch (type) {
      case SHB:
        interfaces.clear(); // each section numbers its interfaces from 0
        return null;
      case IDB:
        return bodyEnd < 16 ? CaptureResult.BAD_BLOCK : interfaces.add(buf, 8, bodyEnd, bigEndian);
      case EPB: // interface u32, ts high u32, ts low u32, captured u32, original u32, data
        return packet(u32(8), u32(12) << 32 | u32(16), u32(20), u32(24), 28, bodyEnd, out);
      case OBSOLETE_PB: // interface u16, drops u16, ts high, ts low, captured, original, data
        return packet(
            WireInput.u16(buf, 8, bigEndian),
            u32(12) << 32 | u32(16),
            u32(20),
            u32(24),
            28,
            bodyEnd,
            out);
      case SPB: // original u32, data cut to the snap length: no interface field, no timestamp
        if (bodyEnd < 12) {
          return CaptureResult.BAD_BLOCK;
        }
        return packet(0, -1, Math.min(u32(8), bodyEnd - 12), u32(8), 12, bodyEnd, out);
      default:
        return null;
    }
  }

  private CaptureResult packet(
      long iface, long ts, long captured, long original, int data, int bodyEnd, CaptureFrame out) {
    if (bodyEnd < data || captured > bodyEnd - data) {
      return CaptureResult.BAD_BLOCK;
    }
    if (!interfaces.has(iface)) {
      return CaptureResult.UNKNOWN_INTERFACE;
    }
    int i = (int) iface;
    out.set(buf, data, (int) captured, interfaces.linkType(i), 0, 0);
    out.originalLength = (int) Math.min(original, Integer.MAX_VALUE);
    if (ts >= 0) {
      interfaces.setTime(i, ts, out);
    }
    return CaptureResult.PACKET;
  }

  // SHB body starts with the byte-order magic 0x1A2B3C4D written in the section's byte order.
  private boolean readByteOrder() throws IOException {
    if (in.read(buf, 8, 4) < 4) {
      return false;
    }
    bigEndian = WireInput.u32(buf, 8, true) == BYTE_ORDER_MAGIC;
    return true;
  }

  private long u32(int i) {
    return WireInput.u32(buf, i, bigEndian);
  }
}
