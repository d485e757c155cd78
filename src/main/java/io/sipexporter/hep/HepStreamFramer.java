package io.sipexporter.hep;

import java.util.Arrays;

/**
 * Splits a TCP byte stream into HEPv3 packets by their total-length field: bytes may arrive split
 * anywhere and several packets per read. One framer per connection; a bad magic or length kills it
 * (every later call returns the same reason) and the listener closes the connection.
 *
 * <pre>{@code
 * HepStreamFramer framer = new HepStreamFramer();
 * HepResult r = framer.feed(bytes, 0, bytes.length, (b, o, n) -> decoder.decode(b, o, n, packet));
 * if (r != HepResult.OK) { connection.close(); errors.count(r); }
 * }</pre>
 */
public final class HepStreamFramer {
  /** Receives each complete packet; the bytes are only valid during the call. */
  @FunctionalInterface
  public interface FrameSink {
    void onFrame(byte[] buf, int off, int len);
  }

  /** Largest HEPv3 packet: the total length is a u16. */
  public static final int MAX_PACKET = 0xffff;

  private byte[] pending = new byte[0]; // grows to the largest split packet seen, at most 64 KiB
  private int pendingLen;
  private HepResult dead = HepResult.OK;

  /** Consumes {@code buf[off, off+len)}; returns OK, or the reason the stream is dead. */
  public HepResult feed(byte[] buf, int off, int len, FrameSink sink) {
    int pos = off;
    int end = off + len;
    while (pos < end && dead == HepResult.OK) {
      if (pendingLen > 0) {
        pos = continuePending(buf, pos, end, sink);
      } else if (end - pos >= HepDecoder.HEADER) {
        int total = checkHeader(buf, pos);
        if (total <= end - pos && dead == HepResult.OK) {
          sink.onFrame(buf, pos, total); // whole packet in this read: no copy
          pos += total;
        } else if (dead == HepResult.OK) {
          pos = stash(buf, pos, end - pos);
        }
      } else {
        pos = stash(buf, pos, end - pos);
      }
    }
    return dead;
  }

  /** True once a bad magic or length has killed the stream. */
  public boolean isDead() {
    return dead != HepResult.OK;
  }

  /** Bytes held of an incomplete packet. */
  public int pendingBytes() {
    return pendingLen;
  }

  private int continuePending(byte[] buf, int pos, int end, FrameSink sink) {
    if (pendingLen < HepDecoder.HEADER) {
      pos = stash(buf, pos, Math.min(HepDecoder.HEADER - pendingLen, end - pos));
      if (pendingLen < HepDecoder.HEADER) {
        return pos;
      }
    }
    int total = checkHeader(pending, 0);
    if (dead != HepResult.OK) {
      return pos;
    }
    pos = stash(buf, pos, Math.min(total - pendingLen, end - pos));
    if (pendingLen == total) {
      pendingLen = 0;
      sink.onFrame(pending, 0, total);
    }
    return pos;
  }

  // HEP3 spec: "HEP3" then the u16 length of the whole packet, header included.
  private int checkHeader(byte[] b, int i) {
    if (!HepDecoder.isHep3(b, i, HepDecoder.HEADER)) {
      dead = HepResult.BAD_MAGIC;
      return 0;
    }
    int total = HepDecoder.u16(b, i + 4);
    if (total < HepDecoder.HEADER) {
      dead = HepResult.BAD_TOTAL_LENGTH;
    }
    return total;
  }

  private int stash(byte[] buf, int pos, int n) {
    int need = pendingLen + n; // <= MAX_PACKET: never more than one u16-sized packet is held
    if (need > pending.length) {
      pending = Arrays.copyOf(pending, Math.min(MAX_PACKET, Math.max(2 * pending.length, need)));
    }
    System.arraycopy(buf, pos, pending, pendingLen, n);
    pendingLen += n;
    return pos + n;
  }
}
