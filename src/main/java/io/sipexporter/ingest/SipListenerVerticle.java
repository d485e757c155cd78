package io.sipexporter.ingest;

import io.sipexporter.cli.ListenAddress;
import io.sipexporter.sip.ScanResult;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Listens for raw SIP copies on one port, UDP and TCP: each datagram is one message (RFC 3261
 * 18.3: datagrams carry whole messages), each TCP stream is framed by {@link SipStreamFramer}.
 * Both end in this verticle's own {@link SipPipeline}.
 */
public final class SipListenerVerticle extends VerticleBase {
  private final ListenAddress address;
  private final ListenerOptions options;
  private final SipPipeline pipeline;
  private final ConnectionLimits limits;
  private final boolean bindUdp;
  private final byte[] scratch = new byte[65536];
  private final Set<Connection> connections = new HashSet<>();
  private DatagramSocket udp;
  private NetServer tcp;

  public SipListenerVerticle(
      ListenAddress address,
      ListenerOptions options,
      SipPipeline pipeline,
      ConnectionLimits limits,
      boolean bindUdp) {
    this.bindUdp = bindUdp;
    this.address = address;
    this.options = options;
    this.pipeline = pipeline;
    this.limits = limits;
  }

  /** The bound address (the real port when 0 was asked for); valid once started. */
  public ListenAddress boundAddress() {
    return address.withPort(tcp.actualPort());
  }

  @Override
  public Future<?> start() {
    tcp = vertx.createNetServer(new NetServerOptions()).connectHandler(this::onConnection);
    long sweepMillis = Math.max(100, Math.min(1000, limits.idleTimeout().toMillis() / 4));
    vertx.setPeriodic(sweepMillis, id -> closeIdle());
    // TCP first: with port 0 it picks the port (Vert.x shares it among instances), UDP takes the same
    Future<NetServer> listening = tcp.listen(address.port(), address.host());
    if (!bindUdp) {
      return listening;
    }
    udp =
        vertx.createDatagramSocket(
            new DatagramSocketOptions()
                .setReceiveBufferSize(options.udpReceiveBufferBytes())
                // epoll only: each event loop reads its own socket, the kernel spreads datagrams
                .setReusePort(vertx.isNativeTransportEnabled()));
    udp.handler(packet -> onDatagram(packet.data()));
    return listening.compose(server -> udp.listen(server.actualPort(), address.host()));
  }

  @Override
  public Future<?> stop() {
    return Future.join(
        tcp == null ? Future.succeededFuture() : tcp.close(),
        udp == null ? Future.succeededFuture() : udp.close());
  }

  private void onDatagram(Buffer data) {
    int len = Math.min(data.length(), scratch.length);
    data.getBytes(0, len, scratch, 0);
    pipeline.accept(Input.SIP, Transport.UDP, scratch, 0, len);
  }

  private void onConnection(NetSocket socket) {
    if (!limits.tryOpen()) {
      socket.close();
      return;
    }
    Connection connection = new Connection(socket);
    connections.add(connection);
    socket.closeHandler(
        v -> {
          connections.remove(connection);
          limits.closed();
        });
    socket.handler(connection::onData);
  }

  private void closeIdle() {
    long now = System.nanoTime();
    for (Connection c : connections) {
      if (limits.idleTooLong(c.lastMessageNanos, now)) {
        limits.countIdleClose();
        c.socket.close();
      }
    }
  }

  /** One TCP peer: its framer, and when it last delivered a whole message. */
  private final class Connection {
    final NetSocket socket;
    final SipStreamFramer framer;
    long lastMessageNanos = System.nanoTime();

    Connection(NetSocket socket) {
      this.socket = socket;
      this.framer = new SipStreamFramer(options.maxMessageBytes(), this::onMessage);
    }

    void onMessage(byte[] buf, int off, int len) {
      lastMessageNanos = System.nanoTime();
      pipeline.accept(Input.SIP, Transport.TCP, buf, off, len);
    }

    void onData(Buffer data) {
      for (int pos = 0; pos < data.length(); pos += scratch.length) {
        int len = Math.min(scratch.length, data.length() - pos);
        data.getBytes(pos, pos + len, scratch, 0);
        ScanResult result = framer.feed(scratch, 0, len);
        if (result.isError()) {
          // RFC 3261 18.3: a stream that cannot be framed cannot be resynchronised
          pipeline.counters().received(Input.SIP, Transport.TCP);
          pipeline.counters().parseError(Input.SIP, result);
          socket.close();
          return;
        }
      }
    }
  }
}
