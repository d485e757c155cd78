package io.sipexporter.pcap;

/** The interfaces of one pcapng section: link type and timestamp resolution per IDB, capped. */
final class PcapngInterfaces {
  static final int MAX_INTERFACES = 256;
  private static final int OPT_END = 0;
  private static final int IF_TSRESOL = 9;

  private final int[] linkTypes = new int[MAX_INTERFACES];
  private final int[] resolutions = new int[MAX_INTERFACES];
  private int count;

  void clear() {
    count = 0;
  }

  boolean has(long iface) {
    return iface >= 0 && iface < count;
  }

  int linkType(int iface) {
    return linkTypes[iface];
  }

  /** Adds the IDB in {@code b[off, end)}: link type u16, reserved u16, snap length u32, options. */
  CaptureResult add(byte[] b, int off, int end, boolean bigEndian) {
    if (count == MAX_INTERFACES) {
      return null; // packets on further interfaces are counted as unknown_interface
    }
    linkTypes[count] = WireInput.u16(b, off, bigEndian);
    resolutions[count] = 6; // if_tsresol default: microseconds
    // Options: u16 code, u16 length, value padded to 4 bytes; every step moves >= 4 bytes.
    for (int p = off + 8; p + 4 <= end; ) {
      int code = WireInput.u16(b, p, bigEndian);
      int len = WireInput.u16(b, p + 2, bigEndian);
      if (code == OPT_END || len > end - p - 4) {
        break;
      }
      if (code == IF_TSRESOL && len == 1) {
        resolutions[count] = b[p + 4] & 0xff;
      }
      p += 4 + ((len + 3) & ~3);
    }
    count++;
    return null;
  }

  // if_tsresol: high bit clear = 10^-n seconds per unit, set = 2^-n; timestamps are u64 units.
  void setTime(int iface, long units, CaptureFrame out) {
    int r = resolutions[iface];
    boolean binary = (r & 0x80) != 0;
    int exp = r & 0x7f;
    if (binary ? exp > 62 : exp > 18) {
      return; // a resolution no clock has: leave the time at 0
    }
    long perSecond = binary ? 1L << exp : pow10(exp);
    long rest = Long.remainderUnsigned(units, perSecond);
    out.timestampSeconds = Long.divideUnsigned(units, perSecond);
    out.timestampNanos = (int) scaleToNanos(rest, perSecond);
  }

  private static long scaleToNanos(long rest, long perSecond) {
    if (perSecond <= 1_000_000_000L) {
      return rest * (1_000_000_000L / perSecond) + rest * (1_000_000_000L % perSecond) / perSecond;
    }
    return (long) (rest * (1e9 / perSecond));
  }

  private static long pow10(int exp) {
    long x = 1;
    for (int i = 0; i < exp; i++) {
      x *= 10;
    }
    return x;
  }
}
