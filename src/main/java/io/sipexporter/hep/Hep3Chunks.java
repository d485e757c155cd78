package io.sipexporter.hep;

/** Applies one generic (vendor 0) HEPv3 chunk to a {@link HepPacket}; unknown types are ignored. */
final class Hep3Chunks {
  private Hep3Chunks() {}

  /** Value size of the fixed-size generic chunk types 1-11, 0 for variable or unknown types. */
  private static final int[] FIXED_SIZE = {0, 1, 1, 4, 4, 16, 16, 2, 2, 4, 4, 1};

  // HEP3 spec, generic chunk types (vendor id 0x0000), values in network byte order.
  static HepResult apply(int type, byte[] b, int v, int n, HepPacket out) {
    if (type < FIXED_SIZE.length && FIXED_SIZE[type] != 0 && FIXED_SIZE[type] != n) {
      return HepResult.BAD_CHUNK_VALUE;
    }
    switch (type) {
      case 1 -> out.ipFamily = b[v] & 0xff; // IP protocol family, u8
      case 2 -> out.ipProtocol = b[v] & 0xff; // IP protocol id, u8
      case 3, 5 -> { // IPv4 / IPv6 source address
        out.srcAddressOffset = v;
        out.srcAddressLength = n;
      }
      case 4, 6 -> { // IPv4 / IPv6 destination address
        out.dstAddressOffset = v;
        out.dstAddressLength = n;
      }
      case 7 -> out.srcPort = HepDecoder.u16(b, v); // source port, u16
      case 8 -> out.dstPort = HepDecoder.u16(b, v); // destination port, u16
      case 9 -> out.timestampSeconds = HepDecoder.u32(b, v); // seconds since the epoch, u32
      case 10 -> out.timestampMicros = (int) HepDecoder.u32(b, v); // microseconds offset, u32
      case 11 -> out.protocolType = b[v] & 0xff; // protocol type, u8 (1 SIP, 5 RTCP, 100 log)
      case 12 -> { // capture agent id, u32 (some old agents send u16)
        return captureId(b, v, n, out);
      }
      case 14 -> { // authentication key, octet string
        out.authKeyOffset = v;
        out.authKeyLength = n;
      }
      case 15 -> { // captured packet payload: one per packet (offsets are never 0 once set)
        if (out.payloadOffset != 0) {
          return HepResult.DUPLICATE_PAYLOAD;
        }
        out.payloadOffset = v;
        out.payloadLength = n;
      }
      case 16 -> out.compressed = true; // compressed payload: noted, never inflated
      case 17 -> { // internal correlation id, octet string
        out.correlationIdOffset = v;
        out.correlationIdLength = n;
      }
      default -> {} // keep-alive timer, VLAN, MACs, ...: not needed
    }
    return HepResult.OK;
  }

  private static HepResult captureId(byte[] b, int v, int n, HepPacket out) {
    if (n == 4) {
      out.captureAgentId = HepDecoder.u32(b, v);
    } else if (n == 2) {
      out.captureAgentId = HepDecoder.u16(b, v);
    } else {
      return HepResult.BAD_CHUNK_VALUE;
    }
    return HepResult.OK;
  }
}
