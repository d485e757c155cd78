package io.sipexporter.load;

import io.sipexporter.core.ListenAddress;
import io.sipexporter.net.UdpReceiver;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The baseline the exporter's throughput is measured against: the same UDP setup ({@link
 * UdpReceiver} on Vert.x event loops, epoll and SO_REUSEPORT, receive buffer, copy into a scratch
 * buffer) that only counts.
 */
public final class RawUdpSink implements AutoCloseable {
  private final Vertx vertx;
  private final LongAdder received = new LongAdder();

  /** Binds {@code loops} sockets on {@code address} with a {@code receiveBuffer}-byte SO_RCVBUF. */
  public RawUdpSink(ListenAddress address, int loops, int receiveBuffer) throws Exception {
    vertx =
        Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
    // with epoll each event loop binds its own socket on the port (SO_REUSEPORT), else one does
    vertx
        .deployVerticle(
            () -> new Counting(address, receiveBuffer),
            new DeploymentOptions().setInstances(vertx.isNativeTransportEnabled() ? loops : 1))
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  /** Datagrams received so far. */
  public long received() {
    return received.sum();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** One event loop's socket: copy, count, nothing else. */
  private final class Counting extends VerticleBase {
    private final ListenAddress address;
    private final int receiveBuffer;
    private final byte[] scratch = new byte[65536];

    Counting(ListenAddress address, int receiveBuffer) {
      this.address = address;
      this.receiveBuffer = receiveBuffer;
    }

    @Override
    public Future<?> start() {
      return UdpReceiver.bind(
          vertx,
          context,
          address,
          receiveBuffer,
          scratch,
          null,
          (buf, off, len, sender) -> received.increment());
    }
  }
}
