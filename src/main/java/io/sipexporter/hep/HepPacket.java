package io.sipexporter.hep;

/**
 * The fields of one decoded HEP packet. One instance is reused for every packet, so decoding
 * allocates nothing: addresses, auth key, payload and correlation id are offsets into {@link
 * #buffer()}.
 */
public final class HepPacket {
  /** HEP protocol type of a SIP payload (HEPv3 chunk 11; implied for HEPv1/v2). */
  public static final int PROTO_SIP = 1;

  /** HEP protocol type of an RTCP payload. */
  public static final int PROTO_RTCP = 5;

  /** HEP protocol type of a log line. */
  public static final int PROTO_LOG = 100;

  /** Address family value of IPv4 (Linux AF_INET), as HEP carries it. */
  public static final int FAMILY_IPV4 = 2;

  /** Address family value of IPv6 (Linux AF_INET6), as HEP carries it. */
  public static final int FAMILY_IPV6 = 10;

  byte[] buffer;
  int version;
  int ipFamily;
  int ipProtocol;
  int srcAddressOffset;
  int srcAddressLength;
  int dstAddressOffset;
  int dstAddressLength;
  int srcPort;
  int dstPort;
  long timestampSeconds;
  int timestampMicros;
  int protocolType;
  long captureAgentId;
  int authKeyOffset;
  int authKeyLength;
  int payloadOffset;
  int payloadLength;
  int correlationIdOffset;
  int correlationIdLength;
  boolean compressed;

  void reset(byte[] buf, int version) {
    this.buffer = buf;
    this.version = version;
    ipFamily = ipProtocol = 0;
    srcAddressOffset = srcAddressLength = dstAddressOffset = dstAddressLength = 0;
    srcPort = dstPort = 0;
    timestampSeconds = 0;
    timestampMicros = 0;
    protocolType = 0;
    captureAgentId = 0;
    authKeyOffset = authKeyLength = 0;
    payloadOffset = payloadLength = 0;
    correlationIdOffset = correlationIdLength = 0;
    compressed = false;
  }

  /** The bytes the packet was decoded from; every offset below points into it. */
  public byte[] buffer() {
    return buffer;
  }

  /** 1, 2 or 3. */
  public int version() {
    return version;
  }

  /** {@link #FAMILY_IPV4}, {@link #FAMILY_IPV6}, or 0 when absent. */
  public int ipFamily() {
    return ipFamily;
  }

  /** IP protocol number of the captured packet: 17 UDP, 6 TCP, 132 SCTP; 0 when absent. */
  public int ipProtocol() {
    return ipProtocol;
  }

  public int srcAddressOffset() {
    return srcAddressOffset;
  }

  /** 4 (IPv4), 16 (IPv6), or 0 when absent. */
  public int srcAddressLength() {
    return srcAddressLength;
  }

  public int dstAddressOffset() {
    return dstAddressOffset;
  }

  /** 4 (IPv4), 16 (IPv6), or 0 when absent. */
  public int dstAddressLength() {
    return dstAddressLength;
  }

  public int srcPort() {
    return srcPort;
  }

  public int dstPort() {
    return dstPort;
  }

  /** Capture time, seconds since the epoch (unsigned 32-bit on the wire). */
  public long timestampSeconds() {
    return timestampSeconds;
  }

  /** Capture time, microseconds within the second. */
  public int timestampMicros() {
    return timestampMicros;
  }

  /** {@link #PROTO_SIP}, {@link #PROTO_RTCP}, {@link #PROTO_LOG}, ...; 0 when absent (v3). */
  public int protocolType() {
    return protocolType;
  }

  /** Capture agent id (HEPv3 chunk 12; the v2 16-bit capture id). */
  public long captureAgentId() {
    return captureAgentId;
  }

  public int authKeyOffset() {
    return authKeyOffset;
  }

  /** Length of the auth key, 0 when absent. */
  public int authKeyLength() {
    return authKeyLength;
  }

  public int payloadOffset() {
    return payloadOffset;
  }

  public int payloadLength() {
    return payloadLength;
  }

  public int correlationIdOffset() {
    return correlationIdOffset;
  }

  /** Length of the correlation id, 0 when absent. */
  public int correlationIdLength() {
    return correlationIdLength;
  }

  /** True when the payload is SIP (protocol type 1). */
  public boolean isSip() {
    return protocolType == PROTO_SIP;
  }
}
