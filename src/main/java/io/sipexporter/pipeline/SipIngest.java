package io.sipexporter.pipeline;

import io.sipexporter.core.Endpoints;
import io.sipexporter.core.ErrorReason;
import io.sipexporter.core.Ingest;
import io.sipexporter.core.Input;
import io.sipexporter.core.StreamLoss;
import io.sipexporter.core.Transport;
import io.sipexporter.metrics.NodeTable;
import io.sipexporter.sip.ScanResult;
import io.sipexporter.sip.SipStreamFramer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Raw SIP copies: each datagram is one message (RFC 3261 18.3), each TCP stream is framed. */
public final class SipIngest implements Ingest {
  private final SipPipeline pipeline;
  private final int maxMessageBytes;
  private final Endpoints ends = new Endpoints();

  public SipIngest(SipPipeline pipeline, int maxMessageBytes) {
    this.pipeline = pipeline;
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public void datagram(byte[] buf, int off, int len) {
    datagram(buf, off, len, null);
  }

  /**
   * A raw copy tells only who sent the datagram: with {@code --peers.file}, that sender is the
   * message's source when a peer's ranges hold it (a copy a tap or the peer itself sent); a proxy's
   * siptrace copy comes from the proxy, which no peer holds, so it counts with {@code peer=""}.
   */
  @Override
  public void datagram(byte[] buf, int off, int len, InetSocketAddress sender) {
    Endpoints from = Endpoints.NONE;
    if (sender != null && pipeline.hasPeers()) {
      from = ends;
      from.clear();
      InetAddress address = sender.getAddress();
      if (address instanceof Inet4Address) {
        from.sourceV4(address.hashCode()); // Inet4Address.hashCode is its address, no copy
      } else if (address != null) {
        byte[] v6 = address.getAddress();
        from.source(v6, 0, v6.length);
      }
    }
    pipeline.accept(
        Input.SIP, Transport.UDP, buf, off, len, ReceiveClock.now(), NodeTable.NOT_HEP, from);
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
