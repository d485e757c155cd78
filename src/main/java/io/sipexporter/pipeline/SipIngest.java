package io.sipexporter.pipeline;

import io.sipexporter.core.ErrorReason;
import io.sipexporter.core.Ingest;
import io.sipexporter.core.Input;
import io.sipexporter.core.StreamLoss;
import io.sipexporter.core.Transport;
import io.sipexporter.sip.ScanResult;
import io.sipexporter.sip.SipStreamFramer;

/** Raw SIP copies: each datagram is one message (RFC 3261 18.3), each TCP stream is framed. */
public final class SipIngest implements Ingest {
  private final SipPipeline pipeline;
  private final int maxMessageBytes;

  public SipIngest(SipPipeline pipeline, int maxMessageBytes) {
    this.pipeline = pipeline;
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public void datagram(byte[] buf, int off, int len) {
    pipeline.accept(Input.SIP, Transport.UDP, buf, off, len, ReceiveClock.now());
    pipeline
        .counters()
        .received(Input.SIP, Transport.UDP); // after: a scrape that sees it sees its effect
  }

  @Override
  public void tick() {
    pipeline.tick();
  }

  @Override
  public Stream openStream() {
    return new SipStream();
  }

  /** One connection: RFC 3261 18.3 framing by Content-Length. */
  private final class SipStream implements Stream {
    private final SipStreamFramer framer = new SipStreamFramer(maxMessageBytes, this::message);
    private long lastMessageNanos = System.nanoTime();

    private void message(byte[] buf, int off, int len) {
      lastMessageNanos = System.nanoTime();
      pipeline.accept(Input.SIP, Transport.TCP, buf, off, len, ReceiveClock.now());
      pipeline.counters().received(Input.SIP, Transport.TCP);
    }

    @Override
    public ErrorReason feed(byte[] buf, int off, int len) {
      ScanResult result = framer.feed(buf, off, len);
      if (!result.isError()) {
        return null;
      }
      // the stream cannot be resynchronised: the bytes held are one message lost
      pipeline.counters().received(Input.SIP, Transport.TCP);
      pipeline.counters().parseError(Input.SIP, result);
      return result;
    }

    @Override
    public void close() {
      if (framer.failure() == ScanResult.OK && framer.pendingBytes() > 0) {
        pipeline.counters().received(Input.SIP, Transport.TCP);
        pipeline.counters().parseError(Input.SIP, StreamLoss.TRUNCATED_AT_CLOSE);
      }
    }

    @Override
    public long lastMessageNanos() {
      return lastMessageNanos;
    }
  }
}
