package io.sipexporter.pipeline;

import io.sipexporter.core.ErrorReason;
import io.sipexporter.core.Input;
import io.sipexporter.core.StreamLoss;
import io.sipexporter.core.Transport;
import io.sipexporter.pcap.PacketMeta;
import io.sipexporter.pcap.StreamSink;

/**
 * One captured TCP direction: its bytes go through a framer; after a gap in the capture, framing
 * starts again at the next message start, and whatever a gap or the flow's end cut short is counted
 * once ({@link StreamLoss}). A framing failure is counted and ends framing until a gap. Subclasses
 * say what a message start is and own the framer.
 */
abstract class CaptureFlow implements StreamSink {
  final SipPipeline pipeline;
  private boolean framing = true; // false since a framing failure or a gap
  private boolean resync; // after a gap: skipping to the next message start
  private boolean cut; // bytes of a message cut by that gap were dropped
  private long nanos;

  CaptureFlow(SipPipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** Where the next message starts in {@code buf[off, off + len)}, or -1. */
  abstract int nextStart(byte[] buf, int off, int len);

  /** Whether skipped bytes before a message start are filler that cut no message. */
  boolean filler(byte[] buf, int from, int to) {
    return false;
  }

  /** Starts a new framer, at a message start. */
  abstract void restart();

  /** Frames the bytes, handing on every whole message; null, or why the stream cannot be framed. */
  abstract ErrorReason frame(byte[] buf, int off, int len);

  /** Bytes of a message the framer holds, not yet whole. */
  abstract int pendingBytes();

  /** The capture time of the bytes being framed, in epoch nanoseconds. */
  final long nanos() {
    return nanos;
  }

  @Override
  public final void onData(byte[] buf, int off, int len, PacketMeta meta) {
    if (resync) {
      int at = nextStart(buf, off, len);
      cut |= at != off && !filler(buf, off, at < 0 ? off + len : at);
      if (at < 0) {
        return;
      }
      if (cut) {
        CaptureIngest.truncated(pipeline, StreamLoss.TRUNCATED_AT_GAP);
      }
      resync = cut = false;
      restart();
      framing = true;
      len -= at - off;
      off = at;
    }
    if (!framing) {
      return; // dead since a framing failure: wait for a gap to resync
    }
    nanos = CaptureIngest.epochNanos(meta);
    ErrorReason failure = frame(buf, off, len);
    if (failure != null) {
      pipeline.counters().received(Input.PCAP, Transport.TCP);
      pipeline.counters().parseError(Input.PCAP, failure);
      framing = false;
    }
  }

  @Override
  public final void onGap() {
    if (!resync) {
      cut = framing && pendingBytes() > 0; // the head of a message, lost
    }
    resync = true;
    framing = false;
  }

  @Override
  public final void onClose() {
    if (resync ? cut : framing && pendingBytes() > 0) {
      CaptureIngest.truncated(
          pipeline, resync ? StreamLoss.TRUNCATED_AT_GAP : StreamLoss.TRUNCATED_AT_CLOSE);
    }
    framing = false;
  }
}
