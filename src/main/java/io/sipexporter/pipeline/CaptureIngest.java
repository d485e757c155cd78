package io.sipexporter.pipeline;

import io.sipexporter.core.Endpoints;
import io.sipexporter.core.ErrorReason;
import io.sipexporter.core.Input;
import io.sipexporter.core.StreamLoss;
import io.sipexporter.core.Transport;
import io.sipexporter.metrics.NodeTable;
import io.sipexporter.pcap.PacketMeta;
import io.sipexporter.pcap.PacketSink;
import io.sipexporter.pcap.PayloadKind;
import io.sipexporter.pcap.StreamSink;

/**
 * Captured traffic (pcap, pcapng): what {@link io.sipexporter.pcap.PacketDecoder} unwraps goes to
 * the same pipeline as live input, counted under input {@code pcap}. UDP payloads and TCP streams
 * are SIP or HEP by content, on any port; each message is stamped with its capture time, which is
 * the only clock the transaction tracker sees. Not thread-safe: one per capture being read.
 *
 * <pre>{@code
 * CaptureIngest ingest = new CaptureIngest(pipeline, maxMessageBytes);
 * PacketDecoder packets = new PacketDecoder(ingest, ingest);
 * }</pre>
 */
public final class CaptureIngest implements PacketSink, StreamSink.Factory {
  private final SipPipeline pipeline;
  private final HepIngest hep;
  private final int maxMessageBytes;
  private final Endpoints ends = new Endpoints(); // the IP header's addresses, per datagram

  public CaptureIngest(SipPipeline pipeline, int maxMessageBytes) {
    this.pipeline = pipeline;
    this.hep = new HepIngest(pipeline, null);
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public void onDatagram(byte[] buf, int off, int len, PacketMeta meta) {
    long nanos = epochNanos(meta);
    if (meta.kind() == PayloadKind.HEP) {
      hep.packet(Input.PCAP, Transport.UDP, buf, off, len, nanos);
    } else {
      addresses(meta, ends);
      pipeline.accept(Input.PCAP, Transport.UDP, buf, off, len, nanos, NodeTable.NOT_HEP, ends);
    }
    pipeline.counters().received(Input.PCAP, Transport.UDP);
  }

  @Override
  public void onError(ErrorReason reason) {
    pipeline.counters().parseError(Input.PCAP, reason);
  }

  @Override
  public StreamSink open(PacketMeta meta) {
    return meta.kind() == PayloadKind.HEP
        ? new CaptureHepFlow(pipeline, hep)
        : new CaptureSipFlow(pipeline, maxMessageBytes, addresses(meta, new Endpoints()));
  }

  /** The IP addresses of a captured packet (a TCP flow's are its first segment's), into ends. */
  static Endpoints addresses(PacketMeta meta, Endpoints ends) {
    ends.clear();
    ends.source(meta.srcAddress(), 0, meta.addressLength());
    ends.destination(meta.dstAddress(), 0, meta.addressLength());
    return ends;
  }

  /** Time when the segment was captured, epoch nanoseconds. */
  static long epochNanos(PacketMeta meta) {
    return meta.timestampSeconds() * 1_000_000_000L + meta.timestampNanos();
  }

  /** Counts a message a captured stream cut short (a gap or the flow's end inside it). */
  static void truncated(SipPipeline pipeline, StreamLoss loss) {
    pipeline.counters().received(Input.PCAP, Transport.TCP);
    pipeline.counters().parseError(Input.PCAP, loss);
  }
}
