package io.sipexporter.ingest;

import io.sipexporter.hep.HepDecoder;
import io.sipexporter.hep.HepResult;
import io.sipexporter.hep.HepStreamFramer;
import io.sipexporter.pcap.PacketMeta;
import io.sipexporter.pcap.PacketSink;
import io.sipexporter.pcap.PayloadKind;
import io.sipexporter.pcap.StreamSink;
import io.sipexporter.sip.MessageStart;
import io.sipexporter.sip.ScanResult;

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
      pipeline.accept(Input.PCAP, Transport.UDP, buf, off, len, nanos);
    }
    pipeline.counters().received(Input.PCAP, Transport.UDP);
  }

  @Override
  public void onError(ErrorReason reason) {
    pipeline.counters().parseError(Input.PCAP, reason);
  }

  @Override
  public StreamSink open(PacketMeta meta) {
    return meta.kind() == PayloadKind.HEP ? new HepFlow() : new SipFlow();
  }

  /** Time when the segment was captured, epoch nanoseconds. */
  static long epochNanos(PacketMeta meta) {
    return meta.timestampSeconds() * 1_000_000_000L + meta.timestampNanos();
  }

  /** Counts a message the stream cut short (a gap or the flow's end inside it). */
  private void truncated(StreamLoss loss) {
    pipeline.counters().received(Input.PCAP, Transport.TCP);
    pipeline.counters().parseError(Input.PCAP, loss);
  }

  /**
   * One TCP direction carrying SIP: RFC 3261 18.3 framing by Content-Length; after a gap, framing
   * starts again at the next start line, the bytes before it being the rest of a cut message.
   */
  private final class SipFlow implements StreamSink {
    private SipStreamFramer framer = newFramer();
    private boolean resync; // after a gap: skipping to the next start line
    private boolean cut; // bytes of a message cut by that gap were dropped
    private long nanos;

    private SipStreamFramer newFramer() {
      return new SipStreamFramer(maxMessageBytes, this::message);
    }

    private void message(byte[] buf, int off, int len) {
      pipeline.accept(Input.PCAP, Transport.TCP, buf, off, len, nanos);
      pipeline.counters().received(Input.PCAP, Transport.TCP);
    }

    @Override
    public void onData(byte[] buf, int off, int len, PacketMeta meta) {
      if (resync) {
        int at = MessageStart.find(buf, off, len);
        cut |= at != off && !onlyLineEnds(buf, off, at < 0 ? off + len : at);
        if (at < 0) {
          return;
        }
        if (cut) {
          truncated(StreamLoss.TRUNCATED_AT_GAP);
        }
        resync = cut = false;
        framer = newFramer();
        len -= at - off;
        off = at;
      }
      if (framer == null) {
        return; // dead since a framing failure: wait for a gap to resync
      }
      nanos = epochNanos(meta);
      ScanResult result = framer.feed(buf, off, len);
      if (result.isError()) {
        pipeline.counters().received(Input.PCAP, Transport.TCP);
        pipeline.counters().parseError(Input.PCAP, result);
        framer = null;
      }
    }

    @Override
    public void onGap() {
      if (!resync) {
        cut = framer != null && framer.pendingBytes() > 0; // the head of a message, lost
      }
      resync = true;
      framer = null;
    }

    @Override
    public void onClose() {
      if (resync ? cut : framer != null && framer.pendingBytes() > 0) {
        truncated(resync ? StreamLoss.TRUNCATED_AT_GAP : StreamLoss.TRUNCATED_AT_CLOSE);
      }
      framer = null;
    }
  }

  private static boolean onlyLineEnds(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] != '\r' && buf[i] != '\n') {
        return false;
      }
    }
    return true;
  }

  /**
   * One TCP direction carrying HEP: framed by the HEPv3 total-length field; after a gap, framing
   * starts again at the next {@code HEP3} magic.
   */
  private final class HepFlow implements StreamSink, HepStreamFramer.FrameSink {
    private HepStreamFramer framer = new HepStreamFramer();
    private boolean resync;
    private boolean cut;
    private long nanos;

    @Override
    public void onFrame(byte[] buf, int off, int len) {
      hep.packet(Input.PCAP, Transport.TCP, buf, off, len, nanos);
      pipeline.counters().received(Input.PCAP, Transport.TCP);
    }

    @Override
    public void onData(byte[] buf, int off, int len, PacketMeta meta) {
      if (resync) {
        int at = HepDecoder.indexOfMagic(buf, off, len);
        cut |= at != off;
        if (at < 0) {
          return;
        }
        if (cut) {
          truncated(StreamLoss.TRUNCATED_AT_GAP);
        }
        resync = cut = false;
        framer = new HepStreamFramer();
        len -= at - off;
        off = at;
      }
      if (framer == null) {
        return;
      }
      nanos = epochNanos(meta);
      HepResult result = framer.feed(buf, off, len, this);
      if (result != HepResult.OK) {
        pipeline.counters().received(Input.PCAP, Transport.TCP);
        pipeline.counters().parseError(Input.PCAP, result);
        framer = null;
      }
    }

    @Override
    public void onGap() {
      if (!resync) {
        cut = framer != null && framer.pendingBytes() > 0;
      }
      resync = true;
      framer = null;
    }

    @Override
    public void onClose() {
      if (resync ? cut : framer != null && framer.pendingBytes() > 0) {
        truncated(resync ? StreamLoss.TRUNCATED_AT_GAP : StreamLoss.TRUNCATED_AT_CLOSE);
      }
      framer = null;
    }
  }
}
