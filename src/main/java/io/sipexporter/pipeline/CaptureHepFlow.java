package io.sipexporter.pipeline;

import io.sipexporter.core.Input;
import io.sipexporter.core.StreamLoss;
import io.sipexporter.core.Transport;
import io.sipexporter.hep.HepDecoder;
import io.sipexporter.hep.HepResult;
import io.sipexporter.hep.HepStreamFramer;
import io.sipexporter.pcap.PacketMeta;
import io.sipexporter.pcap.StreamSink;

/**
 * One TCP direction carrying HEP: framed by the HEPv3 total-length field; after a gap, framing
 * starts again at the next {@code HEP3} magic.
 */
final class CaptureHepFlow implements StreamSink, HepStreamFramer.FrameSink {
  private final SipPipeline pipeline;
  private final HepIngest hep;
  private HepStreamFramer framer = new HepStreamFramer();
  private boolean resync;
  private boolean cut;
  private long nanos;

  CaptureHepFlow(SipPipeline pipeline, HepIngest hep) {
    this.pipeline = pipeline;
    this.hep = hep;
  }

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
        CaptureIngest.truncated(pipeline, StreamLoss.TRUNCATED_AT_GAP);
      }
      resync = cut = false;
      framer = new HepStreamFramer();
      len -= at - off;
      off = at;
    }
    if (framer == null) {
      return;
    }
    nanos = CaptureIngest.epochNanos(meta);
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
      CaptureIngest.truncated(
          pipeline, resync ? StreamLoss.TRUNCATED_AT_GAP : StreamLoss.TRUNCATED_AT_CLOSE);
    }
    framer = null;
  }
}
