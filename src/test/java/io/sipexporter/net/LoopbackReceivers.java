package io.sipexporter.net;

import io.sipexporter.core.ListenAddress;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/** A {@link UdpReceiver} on a free loopback port, as the receive tests bind one. */
final class LoopbackReceivers {
  private LoopbackReceivers() {}

  /** Binds 127.0.0.1 on a free port on {@code context}'s loop, 4 MiB SO_RCVBUF, every sender. */
  static UdpReceiver bind(Vertx vertx, Context context, UdpReceiver.Sink sink) throws Exception {
    return UdpReceiver.bind(
            vertx, context, new ListenAddress("127.0.0.1", 0), 4 << 20, new byte[65536], null, sink)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }
}
