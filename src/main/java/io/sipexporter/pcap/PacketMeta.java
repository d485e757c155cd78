package io.sipexporter.pcap;

import io.sipexporter.core.Transport;

/**
 * Where and when a captured payload was seen: capture time, IP addresses, ports, transport and
 * kind. One instance is reused for every packet; addresses are copied into fixed arrays.
 */
public final class PacketMeta {
  final byte[] src = new byte[16];
  final byte[] dst = new byte[16];
  int addressLength;
  int srcPort;
  int dstPort;
  Transport transport;
  PayloadKind kind;
  long timestampSeconds;
  int timestampNanos;

  /** Source address: the first {@link #addressLength()} bytes (4 or 16). */
  public byte[] srcAddress() {
    return src;
  }

  /** Destination address: the first {@link #addressLength()} bytes (4 or 16). */
  public byte[] dstAddress() {
    return dst;
  }

  /** 4 for IPv4, 16 for IPv6. */
  public int addressLength() {
    return addressLength;
  }

  public int srcPort() {
    return srcPort;
  }

  public int dstPort() {
    return dstPort;
  }

  public Transport transport() {
    return transport;
  }

  /** Content guess for this datagram, or for the stream's first bytes (TCP). */
  public PayloadKind kind() {
    return kind;
  }

  /** Capture time, seconds since the epoch. */
  public long timestampSeconds() {
    return timestampSeconds;
  }

  /** Capture time, nanoseconds within the second. */
  public int timestampNanos() {
    return timestampNanos;
  }
}
