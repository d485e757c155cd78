package io.sipexporter.hep;

import io.sipexporter.sip.HeaderSection;
import java.util.Arrays;

/**
 * Splits a TCP byte stream into HEP packets: HEPv3 by its total-length field; HEPv1/v2, which have
 * no packet length, by their fixed header plus the SIP message's own framing (RFC 3261 18.3: the
 * header section, then Content-Length bytes of body). Bytes may arrive split anywhere and several
 * packets per read. One framer per connection; a bad magic, header or length kills it (every later
 * call returns the same reason) and the listener closes the connection.
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

  /** Largest packet: the HEPv3 total length is a u16; HEPv1/v2 are held to the same. */
  public static final int MAX_PACKET = 0xffff;

  private static final int UNKNOWN = -1;

  private final HeaderSection headers = new HeaderSection();
  private byte[] pending = new byte[0]; // grows to the largest split packet seen, at most 64 KiB
  private int pendingLen;
  private int total = UNKNOWN; // size of the held packet, once its header says
  private HepResult dead = HepResult.OK;

  /** Consumes {@code buf[off, off+len)}; returns OK, or the reason the stream is dead. */
  public HepResult feed(byte[] buf, int off, int len, FrameSink sink) {
    int pos = off;
    int end = off + len;
    while (pos < end && dead == HepResult.OK) {
      if (pendingLen > 0) {
        pos = continuePending(buf, pos, end, sink);
        continue;
      }
      int size = size(buf, pos, end - pos, 0);
      if (size != UNKNOWN && size <= end - pos) {
        sink.onFrame(buf, pos, size); // whole packet in this read: no copy
        pos += size;
      } else if (dead == HepResult.OK) {
        total = size;
        pos = stash(buf, pos, end - pos);
      }
    }
    return dead;
  }

  /** True once a bad magic, header or length has killed the stream. */
  public boolean isDead() {
    return dead != HepResult.OK;
  }

  /** Bytes held of an incomplete packet: at the stream's end, a truncated packet. */
  public int pendingBytes() {
    return pendingLen;
  }

  private int continuePending(byte[] buf, int pos, int end, FrameSink sink) {
    if (total == UNKNOWN) {
      int searched = pendingLen;
      pos = stash(buf, pos, Math.min(end - pos, MAX_PACKET - pendingLen));
      total = size(pending, 0, pendingLen, searched);
      if (total == UNKNOWN) {
        return pos;
      }
      if (pendingLen > total) { // the rest belongs to the next packet
        pos -= pendingLen - total;
        pendingLen = total;
      }
    } else {
      pos = stash(buf, pos, Math.min(total - pendingLen, end - pos));
    }
    if (pendingLen == total) {
      int n = total;
      pendingLen = 0;
      total = UNKNOWN;
      sink.onFrame(pending, 0, n);
    }
    return pos;
  }

  /**
   * Size of the packet starting at b[i], given {@code avail} bytes of it of which the first {@code
   * searched} held no blank line; UNKNOWN when more bytes are needed or the stream died.
   */
  private int size(byte[] b, int i, int avail, int searched) {
    int version = b[i] & 0xff;
    if (version == 'H') {
      return avail < HepDecoder.HEADER ? UNKNOWN : size3(b, i);
    }
    if (version != 1 && version != 2) {
      dead = HepResult.BAD_MAGIC;
      return UNKNOWN;
    }
    return size2(b, i, avail, searched);
  }

  // HEP3 spec: "HEP3" then the u16 length of the whole packet, header included.
  private int size3(byte[] b, int i) {
    if (!HepDecoder.isHep3(b, i, HepDecoder.HEADER)) {
      dead = HepResult.BAD_MAGIC;
      return UNKNOWN;
    }
    int size = HepDecoder.u16(b, i + 4);
    if (size < HepDecoder.HEADER) {
      dead = HepResult.BAD_TOTAL_LENGTH;
      return UNKNOWN;
    }
    return size;
  }

  // HEPv1/v2: the fixed header, then one SIP message: header section plus Content-Length bytes.
  private int size2(byte[] b, int i, int avail, int searched) {
    if (avail < 3) {
      return UNKNOWN;
    }
    if (!Hep2Decoder.looksLikeHep2(b, i, avail)) {
      dead = HepResult.BAD_HEADER;
      return UNKNOWN;
    }
    int fixed = Hep2Decoder.fixedLength(b, i);
    int head =
        avail <= fixed
            ? -1
            : HeaderSection.headerLength(b, i + fixed, avail - fixed, searched - fixed - 2);
    if (head < 0) {
      if (avail >= MAX_PACKET) {
        dead = HepResult.TOO_LARGE; // no blank line within the largest packet
      }
      return UNKNOWN;
    }
    long length = headers.contentLength(b, i + fixed, head);
    if (length == HeaderSection.BAD) {
      dead = HepResult.BAD_CONTENT_LENGTH;
      return UNKNOWN;
    }
    long size = fixed + head + Math.max(length, 0);
    if (size > MAX_PACKET) {
      dead = HepResult.TOO_LARGE;
      return UNKNOWN;
    }
    return (int) size;
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
