package io.sipexporter.net;

import io.sipexporter.core.Ingest;
import io.sipexporter.core.ListenAddress;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * One input's UDP socket and TCP server on one port, on one event loop: bytes are copied into a
 * reused buffer and handed to the input's {@link Ingest}; TCP peers are held to the {@link
 * ConnectionLimits}. Deploy one instance per event loop.
 */
public final class ListenerVerticle extends VerticleBase {
  private final String name;
  private final ListenAddress address;
  private final ListenerOptions options;
  private final Ingest ingest;
  private final ConnectionLimits limits;
  private final AllowedSources sources;
  private final boolean bindUdp;
  private final byte[] scratch = new byte[65536];
  private final Set<Connection> connections = new HashSet<>();
  private UdpReceiver udp;
  private NetServer tcp;

  /**
   * @param name what the listener is, for errors ("SIP", "HEP")
   * @param bindUdp false for the instances that share one UDP socket where SO_REUSEPORT is absent
   */
  public ListenerVerticle(
      String name,
      ListenAddress address,
      ListenerOptions options,
      Ingest ingest,
      ConnectionLimits limits,
      AllowedSources sources,
      boolean bindUdp) {
    this.sources = sources;
    this.name = name;
    this.address = address;
    this.options = options;
    this.ingest = ingest;
    this.limits = limits;
    this.bindUdp = bindUdp;
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
    vertx.setPeriodic(1000, id -> ingest.tick());
    // TCP first: with port 0 it picks the port (Vert.x shares it among instances), UDP takes the
    // same
    Future<NetServer> listening = tcp.listen(address.port(), address.host());
    if (!bindUdp) {
      return listening;
    }
    // epoll only: each event loop reads its own socket, the kernel spreads datagrams
    return listening.compose(
        server ->
            UdpReceiver.bind(
                    vertx,
                    context,
                    address.withPort(server.actualPort()),
                    options.udpReceiveBufferBytes(),
                    scratch,
                    sources,
                    ingest::datagram)
                .onSuccess(receiver -> udp = receiver));
  }

  @Override
  public Future<?> stop() {
    return Future.join(
        tcp == null ? Future.succeededFuture() : tcp.close(),
        udp == null ? Future.succeededFuture() : udp.close());
  }

  @Override
  public String toString() {
    return name + " listener on " + address;
  }

  private void onConnection(NetSocket socket) {
    if (!sources.allowsAll() && !sources.admit(remoteAddress(socket))) {
      socket.close(); // counted, before it takes a connection slot
      return;
    }
    if (!limits.tryOpen()) {
      socket.close();
      return;
    }
    Connection connection = new Connection(socket, ingest.openStream());
    connections.add(connection);
    socket.closeHandler(
        v -> {
          connections.remove(connection);
          connection.stream.close();
          limits.closed();
        });
    socket.handler(connection::onData);
  }

  /** The peer's address (a literal: no name lookup), or null if Vert.x reports none. */
  private static java.net.InetAddress remoteAddress(NetSocket socket) {
    try {
      return java.net.InetAddress.getByName(socket.remoteAddress().hostAddress());
    } catch (java.net.UnknownHostException e) {
      return null; // not an address: not allowed
    }
  }

  private void closeIdle() {
    long now = System.nanoTime();
    for (Connection c : connections) {
      if (limits.idleTooLong(c.stream.lastMessageNanos(), now)) {
        limits.countIdleClose();
        c.socket.close();
      }
    }
  }

  /** One TCP peer and its framing state. */
  private final class Connection {
    final NetSocket socket;
    final Ingest.Stream stream;

    Connection(NetSocket socket, Ingest.Stream stream) {
      this.socket = socket;
      this.stream = stream;
    }

    void onData(Buffer data) {
      for (int pos = 0; pos < data.length(); pos += scratch.length) {
        int len = Math.min(scratch.length, data.length() - pos);
        data.getBytes(pos, pos + len, scratch, 0);
        if (stream.feed(scratch, 0, len) != null) {
          socket.close(); // a stream that cannot be framed cannot be resynchronised
          return;
        }
      }
    }
  }
}
