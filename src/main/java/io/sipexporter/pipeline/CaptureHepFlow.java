package io.sipexporter.pipeline;

import io.sipexporter.core.ErrorReason;
import io.sipexporter.core.Input;
import io.sipexporter.core.Transport;
import io.sipexporter.hep.HepDecoder;
import io.sipexporter.hep.HepResult;
import io.sipexporter.hep.HepStreamFramer;

/**
 * One TCP direction carrying HEP: framed by the HEPv3 total-length field; after a gap, framing
 * starts again at the next {@code HEP3} magic.
 */
final class CaptureHepFlow extends CaptureFlow implements HepStreamFramer.FrameSink {
  private final HepIngest hep;
  private HepStreamFramer framer = new HepStreamFramer();

  CaptureHepFlow(SipPipeline pipeline, HepIngest hep) {
    super(pipeline);
    this.hep = hep;
  }

  @Override
  public void onFrame(byte[] buf, int off, int len) {
    hep.packet(Input.PCAP, Transport.TCP, buf, off, len, nanos());
    pipeline.counters().received(Input.PCAP, Transport.TCP);
  }

  @Override
  int nextStart(byte[] buf, int off, int len) {
    return HepDecoder.indexOfMagic(buf, off, len);
  }

  @Override
  void restart() {
    framer = new HepStreamFramer();
  }

  @Override
  ErrorReason frame(byte[] buf, int off, int len) {
    HepResult result = framer.feed(buf, off, len, this);
    return result == HepResult.OK ? null : result;
  }

  @Override
  int pendingBytes() {
    return framer.pendingBytes();
  }
}
