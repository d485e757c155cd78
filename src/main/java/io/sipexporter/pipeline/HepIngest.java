package io.sipexporter.pipeline;

import io.sipexporter.core.Endpoints;
import io.sipexporter.core.ErrorReason;
import io.sipexporter.core.Ingest;
import io.sipexporter.core.Input;
import io.sipexporter.core.StreamLoss;
import io.sipexporter.core.Transport;
import io.sipexporter.hep.HepAuthKey;
import io.sipexporter.hep.HepDecoder;
import io.sipexporter.hep.HepPacket;
import io.sipexporter.hep.HepResult;
import io.sipexporter.hep.HepStreamFramer;

/**
 * HEP v1/v2/v3 envelopes (from Kamailio, OpenSIPS, FreeSWITCH, Asterisk, heplify): unwraps each
 * packet, checks the auth key when one is set, counts the payload type, and hands SIP payloads to
 * the pipeline stamped with the capture agent's timestamp and id.
 */
public final class HepIngest implements Ingest {
  private final SipPipeline pipeline;
  private final HepAuthKey authKey;
  private final HepDecoder decoder = new HepDecoder();
  private final HepPacket packet = new HepPacket();
  private final Endpoints ends = new Endpoints(); // the envelope's addresses, per packet

  /** {@code authKey} may be null: then every packet is taken. */
  public HepIngest(SipPipeline pipeline, HepAuthKey authKey) {
    this.pipeline = pipeline;
    this.authKey = authKey;
  }

  @Override
  public void datagram(byte[] buf, int off, int len) {
    packet(Input.HEP, Transport.UDP, buf, off, len, ReceiveClock.now());
    pipeline
        .counters()
        .received(Input.HEP, Transport.UDP); // after: a scrape that sees it sees its effect
  }

  /**
   * Unwraps one HEP packet that came in on {@code input} (HEP listeners, or HEP found in a
   * capture); {@code fallbackNanos}, when it arrived (receive time, or the capture frame's time),
   * stamps packets that carry no timestamp and those whose timestamp is too far from it.
   */
  public void packet(
      Input input, Transport transport, byte[] buf, int off, int len, long fallbackNanos) {
    HepResult result = decoder.decode(buf, off, len, packet);
    if (result != HepResult.OK) {
      pipeline.counters().parseError(input, result);
      return;
    }
    if (authKey != null && !authKey.matches(packet)) {
      pipeline.counters().parseError(input, HepResult.BAD_AUTH_KEY);
      return;
    }
    pipeline.counters().hepPayload(packet.protocolType());
    if (packet.isSip()) {
      long seconds = packet.timestampSeconds();
      long nanos =
          seconds == 0
              ? fallbackNanos
              : pipeline.trustedTime(
                  input,
                  seconds * 1_000_000_000L + packet.timestampMicros() * 1_000L,
                  fallbackNanos);
      ends.clear();
      ends.source(packet.buffer(), packet.srcAddressOffset(), packet.srcAddressLength());
      ends.destination(packet.buffer(), packet.dstAddressOffset(), packet.dstAddressLength());
      pipeline.accept(
          input,
          transport,
          buf,
          packet.payloadOffset(),
          packet.payloadLength(),
          nanos,
          packet.captureAgentId(),
          ends);
    }
  }

  @Override
  public void tick() {
    pipeline.tick();
  }

  @Override
  public Stream openStream() {
    return new HepStream();
  }

  /** One connection: HEPv3 packets framed by their total-length field. */
  private final class HepStream implements Stream {
    private final HepStreamFramer framer = new HepStreamFramer();
    private final HepStreamFramer.FrameSink sink = this::frame;
    private long lastMessageNanos = System.nanoTime();

    private void frame(byte[] buf, int off, int len) {
      lastMessageNanos = System.nanoTime();
      packet(Input.HEP, Transport.TCP, buf, off, len, ReceiveClock.now());
      pipeline.counters().received(Input.HEP, Transport.TCP);
    }

    @Override
    public ErrorReason feed(byte[] buf, int off, int len) {
      HepResult result = framer.feed(buf, off, len, sink);
      if (result == HepResult.OK) {
        return null;
      }
      pipeline.counters().received(Input.HEP, Transport.TCP);
      pipeline.counters().parseError(Input.HEP, result);
      return result;
    }

    @Override
    public void close() {
      if (!framer.isDead() && framer.pendingBytes() > 0) {
        pipeline.counters().received(Input.HEP, Transport.TCP);
        pipeline.counters().parseError(Input.HEP, StreamLoss.TRUNCATED_AT_CLOSE);
      }
    }

    @Override
    public long lastMessageNanos() {
      return lastMessageNanos;
    }
  }
}
