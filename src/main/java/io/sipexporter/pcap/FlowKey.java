package io.sipexporter.pcap;

import java.util.Arrays;

/** The addresses and ports of one TCP direction; a mutable probe avoids allocating per lookup. */
final class FlowKey {
  final byte[] src = new byte[16];
  final byte[] dst = new byte[16];
  int srcPort;
  int dstPort;
  private int hash;

  FlowKey set(PacketMeta meta) {
    System.arraycopy(meta.src, 0, src, 0, 16);
    System.arraycopy(meta.dst, 0, dst, 0, 16);
    srcPort = meta.srcPort;
    dstPort = meta.dstPort;
    hash = (Arrays.hashCode(src) * 31 + Arrays.hashCode(dst)) * 31 + (srcPort << 16 | dstPort);
    return this;
  }

  FlowKey copy() {
    FlowKey k = new FlowKey();
    System.arraycopy(src, 0, k.src, 0, 16);
    System.arraycopy(dst, 0, k.dst, 0, 16);
    k.srcPort = srcPort;
    k.dstPort = dstPort;
    k.hash = hash;
    return k;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlowKey k
        && k.srcPort == srcPort
        && k.dstPort == dstPort
        && Arrays.equals(k.src, src)
        && Arrays.equals(k.dst, dst);
  }
}
