package io.sipexporter.hep;

/**
 * Decodes one HEP packet (v3, or v1/v2 via {@link Hep2Decoder}) into a reused {@link HepPacket}.
 * Stateless and allocation-free; never throws on any input.
 *
 * <pre>{@code
 * HepDecoder decoder = new HepDecoder();
 * HepPacket packet = new HepPacket();
 * if (decoder.decode(datagram, 0, datagram.length, packet) == HepResult.OK && packet.isSip()) {
 *   scanner.scan(packet.buffer(), packet.payloadOffset(), packet.payloadLength(), msg);
 * }
 * }</pre>
 */
public final class HepDecoder {
  /** Most chunks one HEPv3 packet may hold; a real one has about 15. */
  public static final int MAX_CHUNKS = 64;

  /** HEPv3 packet and chunk header sizes. */
  static final int HEADER = 6;

  private final Hep2Decoder hep2 = new Hep2Decoder();

  /** Decodes {@code buf[off, off+len)}, one whole datagram or framed packet, into {@code out}. */
  public HepResult decode(byte[] buf, int off, int len, HepPacket out) {
    if (isHep3(buf, off, len)) {
      return decode3(buf, off, len, out);
    }
    return hep2.decode(buf, off, len, out);
  }

  /** True when {@code buf[off, off+len)} starts with the HEPv3 magic {@code HEP3}. */
  public static boolean isHep3(byte[] buf, int off, int len) {
    return len >= 4
        && buf[off] == 'H'
        && buf[off + 1] == 'E'
        && buf[off + 2] == 'P'
        && buf[off + 3] == '3';
  }

  /** Index of the first {@code HEP3} magic in {@code buf[off, off+len)}, or -1. */
  public static int indexOfMagic(byte[] buf, int off, int len) {
    for (int i = off, end = off + len; i + 4 <= end; i++) {
      if (isHep3(buf, i, 4)) {
        return i;
      }
    }
    return -1;
  }

  /** True when the bytes start like HEPv3, or like a HEPv1/v2 header (version, length, family). */
  public static boolean looksLikeHep(byte[] buf, int off, int len) {
    return isHep3(buf, off, len) || Hep2Decoder.looksLikeHep2(buf, off, len);
  }

  // HEP3 spec: "HEP3", u16 total length (whole packet), then chunks; network byte order throughout.
  private HepResult decode3(byte[] buf, int off, int len, HepPacket out) {
    out.reset(buf, 3);
    if (len < HEADER) {
      return HepResult.TRUNCATED;
    }
    int total = u16(buf, off + 4);
    if (total > len) {
      return HepResult.TRUNCATED;
    }
    if (total < HEADER || total != len) {
      return HepResult.BAD_TOTAL_LENGTH; // one datagram or frame holds exactly one packet
    }
    int pos = off + HEADER;
    int end = off + total;
    int chunks = 0;
    while (pos < end) {
      if (++chunks > MAX_CHUNKS) {
        return HepResult.TOO_MANY_CHUNKS;
      }
      if (end - pos < HEADER) {
        return HepResult.BAD_CHUNK_LENGTH;
      }
      // HEP3 chunk: u16 vendor id, u16 type id, u16 length including these 6 bytes, value.
      int chunkLen = u16(buf, pos + 4);
      if (chunkLen < HEADER || chunkLen > end - pos) {
        return HepResult.BAD_CHUNK_LENGTH;
      }
      if (u16(buf, pos) == 0) {
        HepResult r =
            Hep3Chunks.apply(u16(buf, pos + 2), buf, pos + HEADER, chunkLen - HEADER, out);
        if (r != HepResult.OK) {
          return r;
        }
      }
      pos += chunkLen; // chunkLen >= 6: every chunk makes progress
    }
    if (out.payloadLength > 0) {
      return HepResult.OK;
    }
    return out.compressed ? HepResult.COMPRESSED_PAYLOAD : HepResult.NO_PAYLOAD;
  }

  static int u16(byte[] b, int i) {
    return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
  }

  static long u32(byte[] b, int i) {
    return (long) u16(b, i) << 16 | u16(b, i + 2);
  }
}
