package io.sipexporter.pcap;

/** Finds the IP header inside a link-layer frame, by LINKTYPE_* value. */
final class LinkDecoder {
  static final int NOT_IP = -1;
  static final int TRUNCATED = -2;
  static final int UNSUPPORTED = -3;

  private static final int MAX_VLAN_TAGS = 4;

  private LinkDecoder() {}

  /** Offset of the IPv4/IPv6 header in {@code b[off, off+len)}, or a negative code above. */
  static int ipOffset(int linkType, byte[] b, int off, int len) {
    switch (linkType) {
      case 1: // LINKTYPE_ETHERNET: dst MAC, src MAC, EtherType, 802.1Q/802.1ad tags in between
        return ethernet(b, off, len);
      case 113: // LINKTYPE_LINUX_SLL: 16-byte header, protocol type at offset 14
        return len < 16 ? TRUNCATED : ipIfEtherType(u16(b, off + 14), off + 16);
      case 276: // LINKTYPE_LINUX_SLL2: 20-byte header, protocol type at offset 0
        return len < 20 ? TRUNCATED : ipIfEtherType(u16(b, off), off + 20);
      case 101: // LINKTYPE_RAW: the version nibble says IPv4 or IPv6
      case 228: // LINKTYPE_IPV4
      case 229: // LINKTYPE_IPV6
        return off;
      case 0: // LINKTYPE_NULL: 4-byte address family in the capturing host's byte order
        return len < 4
            ? TRUNCATED
            : ipIfFamily(u16(b, off) == 0 ? u16(b, off + 2) : b[off] & 0xff, off + 4);
      case 108: // LINKTYPE_LOOP: 4-byte address family in network byte order
        return len < 4 ? TRUNCATED : ipIfFamily(u16(b, off + 2), off + 4);
      default:
        return UNSUPPORTED;
    }
  }

  private static int ethernet(byte[] b, int off, int len) {
    int p = off + 12;
    int end = off + len;
    for (int tags = 0; tags <= MAX_VLAN_TAGS; tags++) {
      if (end - p < 2) {
        return TRUNCATED;
      }
      int type = u16(b, p);
      if (type != 0x8100 && type != 0x88A8 && type != 0x9100) {
        return ipIfEtherType(type, p + 2);
      }
      p += 4; // IEEE 802.1Q / 802.1ad tag: TPID, then TCI; the EtherType follows
    }
    return NOT_IP;
  }

  private static int ipIfEtherType(int etherType, int ipOffset) {
    return etherType == 0x0800 || etherType == 0x86DD ? ipOffset : NOT_IP;
  }

  // BSD AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS).
  private static int ipIfFamily(int family, int ipOffset) {
    return family == 2 || family == 24 || family == 28 || family == 30 ? ipOffset : NOT_IP;
  }

  static int u16(byte[] b, int i) {
    return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
  }
}
