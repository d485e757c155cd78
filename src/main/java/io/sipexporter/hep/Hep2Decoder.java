package io.sipexporter.hep;

/**
 * Decodes the fixed HEPv1/v2 header (Kamailio siptrace {@code hep_version=1|2}) and its payload.
 *
 * <p>Wire layout, as captured from Kamailio 5.6 siptrace on x86-64: version u8, header length u8
 * (16 for IPv4, 40 for IPv6; the v2 time block is not counted), family u8, protocol u8, source and
 * destination port (u16, network order), source and destination address; v2 then adds a 12-byte
 * time block, and the payload follows.
 */
final class Hep2Decoder {
  /** The v2 time block: struct {u32 sec; u32 usec; u16 capture id} padded to 12 bytes. */
  static final int TIME_BLOCK = 12;

  private static final int IPV4_HEADER = 16;
  private static final int IPV6_HEADER = 40;

  HepResult decode(byte[] buf, int off, int len, HepPacket out) {
    if (len < 1) {
      out.reset(buf, 0);
      return HepResult.TRUNCATED;
    }
    int version = buf[off] & 0xff;
    out.reset(buf, version);
    if (version != 1 && version != 2) {
      return HepResult.BAD_MAGIC;
    }
    if (len < 3) {
      return HepResult.TRUNCATED;
    }
    int headerLen = buf[off + 1] & 0xff;
    int family = buf[off + 2] & 0xff;
    int addrLen = addressLength(headerLen, family);
    if (addrLen == 0) {
      return HepResult.BAD_HEADER;
    }
    int fixed = fixedLength(buf, off);
    if (len < fixed) {
      return HepResult.TRUNCATED;
    }
    out.ipFamily = family;
    out.ipProtocol = buf[off + 3] & 0xff;
    out.srcPort = HepDecoder.u16(buf, off + 4);
    out.dstPort = HepDecoder.u16(buf, off + 6);
    out.srcAddressOffset = off + 8;
    out.dstAddressOffset = off + 8 + addrLen;
    out.srcAddressLength = out.dstAddressLength = addrLen;
    out.protocolType = HepPacket.PROTO_SIP; // v1/v2 carry SIP only
    if (version == 2) {
      // Kamailio writes the time block in host byte order: little-endian on x86-64 and arm64.
      int t = off + headerLen;
      out.timestampSeconds = le32(buf, t);
      out.timestampMicros = (int) le32(buf, t + 4);
      out.captureAgentId = (buf[t + 8] & 0xff) | (buf[t + 9] & 0xff) << 8;
    }
    out.payloadOffset = off + fixed;
    out.payloadLength = len - fixed;
    return out.payloadLength > 0 ? HepResult.OK : HepResult.NO_PAYLOAD;
  }

  /** Bytes before the payload of the v1/v2 packet at buf[off]: the header, and v2's time block. */
  static int fixedLength(byte[] buf, int off) {
    return (buf[off + 1] & 0xff) + (buf[off] == 2 ? TIME_BLOCK : 0);
  }

  /** True for a plausible v1/v2 header: version 1|2, a matching header length and family. */
  static boolean looksLikeHep2(byte[] buf, int off, int len) {
    return len >= 3
        && (buf[off] == 1 || buf[off] == 2)
        && addressLength(buf[off + 1] & 0xff, buf[off + 2] & 0xff) != 0;
  }

  private static int addressLength(int headerLen, int family) {
    if (headerLen == IPV4_HEADER && family == HepPacket.FAMILY_IPV4) {
      return 4;
    }
    if (headerLen == IPV6_HEADER && family == HepPacket.FAMILY_IPV6) {
      return 16;
    }
    return 0;
  }

  private static long le32(byte[] b, int i) {
    return (b[i] & 0xffL)
        | (b[i + 1] & 0xffL) << 8
        | (b[i + 2] & 0xffL) << 16
        | (b[i + 3] & 0xffL) << 24;
  }
}
