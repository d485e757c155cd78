package io.sipexporter.pcap;

import io.sipexporter.core.ErrorReason;

/** Why a captured frame could not be decoded to a UDP payload or TCP stream bytes. */
public enum PacketError implements ErrorReason {
  /** A link type other than Ethernet, SLL, SLL2, raw IP, null or loopback. */
  UNSUPPORTED_LINKTYPE("pcap_unsupported_linktype"),
  /** A link, IP, UDP or TCP header cut short (snap length, or a corrupt length field). */
  TRUNCATED_FRAME("pcap_truncated_frame"),
  /** An IP header with a bad version, header length or total length. */
  BAD_IP_HEADER("ip_bad_header"),
  /** Fragments still incomplete when they timed out or the capture ended. */
  IP_FRAGMENT_TIMEOUT("ip_fragment_timeout"),
  /** The fragment table was full: the oldest partial datagram was dropped. */
  IP_FRAGMENT_TABLE_FULL("ip_fragment_table_full"),
  /** A fragment reaching past 65535 bytes. */
  IP_FRAGMENT_TOO_LARGE("ip_fragment_too_large"),
  /** A UDP or TCP header with an impossible length. */
  BAD_TRANSPORT_HEADER("transport_bad_header"),
  /** TCP bytes missing (lost, or beyond the out-of-order bound): the stream resynced. */
  TCP_GAP("tcp_gap"),
  /** The TCP flow table was full: the least recently used flow was dropped. */
  TCP_FLOW_TABLE_FULL("tcp_flow_table_full");

  private final String reason;

  PacketError(String reason) {
    this.reason = reason;
  }

  @Override
  public String reason() {
    return reason;
  }
}
