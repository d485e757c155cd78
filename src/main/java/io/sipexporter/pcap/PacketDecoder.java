package io.sipexporter.pcap;

import io.sipexporter.core.Transport;

/**
 * Decodes captured frames down to what the SIP scanner reads: link layer, IPv4/IPv6 (fragments
 * reassembled), then UDP payloads to a {@link PacketSink} and TCP streams, in order, to one {@link
 * StreamSink} per flow. Not thread-safe; bounded memory; never throws on any frame.
 *
 * <pre>{@code
 * PacketDecoder packets = new PacketDecoder(sink, meta -> new SipStreamSink(meta.kind()));
 * while ((r = reader.next(frame)) != CaptureResult.END) {
 *   if (r == CaptureResult.PACKET) packets.decode(frame);
 * }
 * packets.finish();
 * }</pre>
 */
public final class PacketDecoder {
  private final PacketSink sink;
  private final IpDecoder ip;
  private final TcpReassembler tcp;
  private final PacketMeta meta = new PacketMeta();

  public PacketDecoder(PacketSink sink, StreamSink.Factory streams) {
    this.sink = sink;
    this.ip = new IpDecoder(sink);
    this.tcp = new TcpReassembler(streams, sink);
  }

  /** Decodes one frame; results go to the sinks. */
  public void decode(CaptureFrame frame) {
    meta.timestampSeconds = frame.timestampSeconds();
    meta.timestampNanos = frame.timestampNanos();
    byte[] b = frame.buffer();
    int start = frame.offset();
    int p = LinkDecoder.ipOffset(frame.linkType(), b, start, frame.length());
    if (p < 0) {
      if (p != LinkDecoder.NOT_IP) {
        sink.onError(
            p == LinkDecoder.UNSUPPORTED
                ? PacketError.UNSUPPORTED_LINKTYPE
                : PacketError.TRUNCATED_FRAME);
      }
      return;
    }
    if (!ip.decode(b, p, start + frame.length() - p, meta)) {
      return;
    }
    if (ip.protocol == 17) {
      udp(ip.buf, ip.off, ip.len);
    } else if (ip.protocol == 6) {
      tcp.segment(ip.buf, ip.off, ip.len, meta);
    }
  }

  /** Ends the capture: closes every TCP flow, counts unfinished fragments. */
  public void finish() {
    ip.finish();
    tcp.finish();
  }

  // RFC 768: source port, destination port, length (header included, >= 8), checksum.
  private void udp(byte[] b, int p, int n) {
    if (n < 8) {
      sink.onError(PacketError.TRUNCATED_FRAME);
      return;
    }
    int length = LinkDecoder.u16(b, p + 4);
    if (length < 8 || length > n) {
      sink.onError(length < 8 ? PacketError.BAD_TRANSPORT_HEADER : PacketError.TRUNCATED_FRAME);
      return;
    }
    if (length == 8) {
      return; // empty datagram: nothing to count
    }
    meta.transport = Transport.UDP;
    meta.srcPort = LinkDecoder.u16(b, p);
    meta.dstPort = LinkDecoder.u16(b, p + 2);
    meta.kind = PayloadKind.guess(b, p + 8, length - 8);
    sink.onDatagram(b, p + 8, length - 8, meta);
  }
}
