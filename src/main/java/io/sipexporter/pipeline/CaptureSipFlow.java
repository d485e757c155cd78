package io.sipexporter.pipeline;

import io.sipexporter.core.Input;
import io.sipexporter.core.StreamLoss;
import io.sipexporter.core.Transport;
import io.sipexporter.pcap.PacketMeta;
import io.sipexporter.pcap.StreamSink;
import io.sipexporter.sip.MessageStart;
import io.sipexporter.sip.ScanResult;
import io.sipexporter.sip.SipStreamFramer;

/**
 * One TCP direction carrying SIP: RFC 3261 18.3 framing by Content-Length; after a gap, framing
 * starts again at the next start line, the bytes before it being the rest of a cut message.
 */
final class CaptureSipFlow implements StreamSink {
  private final SipPipeline pipeline;
  private final int maxMessageBytes;
  private SipStreamFramer framer;
  private boolean resync; // after a gap: skipping to the next start line
  private boolean cut; // bytes of a message cut by that gap were dropped
  private long nanos;

  CaptureSipFlow(SipPipeline pipeline, int maxMessageBytes) {
    this.pipeline = pipeline;
    this.maxMessageBytes = maxMessageBytes;
    this.framer = newFramer();
  }

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
        CaptureIngest.truncated(pipeline, StreamLoss.TRUNCATED_AT_GAP);
      }
      resync = cut = false;
      framer = newFramer();
      len -= at - off;
      off = at;
    }
    if (framer == null) {
      return; // dead since a framing failure: wait for a gap to resync
    }
    nanos = CaptureIngest.epochNanos(meta);
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
      CaptureIngest.truncated(
          pipeline, resync ? StreamLoss.TRUNCATED_AT_GAP : StreamLoss.TRUNCATED_AT_CLOSE);
    }
    framer = null;
  }

  private static boolean onlyLineEnds(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] != '\r' && buf[i] != '\n') {
        return false;
      }
    }
    return true;
  }
}
