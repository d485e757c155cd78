package io.sipexporter.pcap;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads link-layer frames from a classic pcap or pcapng stream (a file or stdin), one record at a
 * time, with bounded buffers. The format and byte order are detected from the first bytes. I/O
 * errors propagate as {@link IOException}; malformed input is a {@link CaptureResult}.
 *
 * <pre>{@code
 * CaptureReader reader = new CaptureReader(new FileInputStream(path));
 * CaptureFrame frame = new CaptureFrame();
 * for (CaptureResult r; (r = reader.next(frame)) != CaptureResult.END; ) {
 *   if (r == CaptureResult.PACKET) packets.decode(frame); else errors.count(r);
 * }
 * }</pre>
 */
public final class CaptureReader {
  /** Largest record or block read; larger ones are counted as {@code pcap_oversize_record}. */
  public static final int MAX_RECORD = 256 * 1024;

  private final WireInput in;
  private final byte[] buf = new byte[MAX_RECORD];
  private Format format;
  private boolean done;

  /** One way of reading records after the magic number. */
  interface Format {
    CaptureResult next(CaptureFrame out) throws IOException;
  }

  public CaptureReader(InputStream in) {
    this.in = new WireInput(in);
  }

  /** Reads the next frame into {@code out}; returns PACKET, END, or an error (see enum). */
  public CaptureResult next(CaptureFrame out) throws IOException {
    if (done) {
      return CaptureResult.END;
    }
    CaptureResult r = format == null ? detect() : CaptureResult.PACKET;
    if (r == CaptureResult.PACKET) {
      r = format.next(out);
    }
    done = isFatal(r);
    return r;
  }

  private CaptureResult detect() throws IOException {
    int n = in.read(buf, 0, 4);
    if (n == 0) {
      return CaptureResult.END;
    }
    if (n < 4) {
      return CaptureResult.TRUNCATED_RECORD;
    }
    if (PcapngFormat.isSectionHeader(buf)) {
      format = new PcapngFormat(in, buf);
    } else if (ClassicPcapFormat.isMagic(buf)) {
      format = new ClassicPcapFormat(in, buf);
    } else {
      return CaptureResult.BAD_MAGIC;
    }
    return CaptureResult.PACKET;
  }

  private static boolean isFatal(CaptureResult r) {
    return r == CaptureResult.END
        || r == CaptureResult.BAD_MAGIC
        || r == CaptureResult.TRUNCATED_RECORD;
  }
}
