package io.sipexporter.pipeline;

import io.sipexporter.core.Endpoints;
import io.sipexporter.core.ErrorReason;
import io.sipexporter.core.Input;
import io.sipexporter.core.Transport;
import io.sipexporter.metrics.NodeTable;
import io.sipexporter.sip.MessageStart;
import io.sipexporter.sip.ScanResult;
import io.sipexporter.sip.SipStreamFramer;

/**
 * One TCP direction carrying SIP: RFC 3261 18.3 framing by Content-Length; after a gap, framing
 * starts again at the next start line, the bytes before it being the rest of a cut message.
 */
final class CaptureSipFlow extends CaptureFlow {
  private final int maxMessageBytes;
  private final Endpoints ends;
  private SipStreamFramer framer;

  CaptureSipFlow(SipPipeline pipeline, int maxMessageBytes, Endpoints ends) {
    super(pipeline);
    this.maxMessageBytes = maxMessageBytes;
    this.ends = ends;
    restart();
  }

  private void message(byte[] buf, int off, int len) {
    pipeline.accept(Input.PCAP, Transport.TCP, buf, off, len, nanos(), NodeTable.NOT_HEP, ends);
    pipeline.counters().received(Input.PCAP, Transport.TCP);
  }

  @Override
  int nextStart(byte[] buf, int off, int len) {
    return MessageStart.find(buf, off, len);
  }

  /** RFC 5626 4.4.1: CRLF keep-alives between messages cut nothing. */
  @Override
  boolean filler(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] != '\r' && buf[i] != '\n') {
        return false;
      }
    }
    return true;
  }

  @Override
  void restart() {
    framer = new SipStreamFramer(maxMessageBytes, this::message);
  }

  @Override
  ErrorReason frame(byte[] buf, int off, int len) {
    ScanResult result = framer.feed(buf, off, len);
    return result.isError() ? result : null;
  }

  @Override
  int pendingBytes() {
    return framer.pendingBytes();
  }
}
