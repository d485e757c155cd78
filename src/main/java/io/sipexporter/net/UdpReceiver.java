package io.sipexporter.net;

import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.RecvmmsgBatch;
import io.sipexporter.core.ListenAddress;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.net.InetSocketAddress;

/**
 * A UDP socket read on a verticle's own event loop, set up as a collector needs it: a large
 * SO_RCVBUF, every datagram whole, its bytes copied into the caller's scratch array and handed to a
 * {@link Sink} on that event loop. On Linux (epoll) it reads up to 64 datagrams a system call and
 * allocates nothing a datagram ({@link EpollUdpReceiver}); elsewhere it reads one datagram a call
 * through a Netty channel ({@link ChannelUdpReceiver}).
 *
 * <pre>{@code
 * UdpReceiver.bind(vertx, context, new ListenAddress("0.0.0.0", 5060), 32 << 20,
 *     new byte[65536], sources, (buf, off, len, sender) -> ingest.datagram(buf, off, len, sender));
 * }</pre>
 */
public interface UdpReceiver {
  /**
   * Binds {@code address} on {@code context}'s event loop; {@code sink} gets the bytes of each
   * datagram from an allowed source ({@code sources} null: any) copied into {@code scratch}, on
   * that event loop. On epoll the socket takes SO_REUSEPORT: each event loop binds its own.
   */
  static Future<UdpReceiver> bind(
      Vertx vertx,
      Context context,
      ListenAddress address,
      int receiveBuffer,
      byte[] scratch,
      AllowedSources sources,
      Sink sink) {
    if (((ContextInternal) context).nettyEventLoop() instanceof IoEventLoop loop
        && loop.isCompatible(EpollIoHandle.class)
        && RecvmmsgBatch.supported()) {
      return EpollUdpReceiver.bind(loop, address, receiveBuffer, scratch, sources, sink);
    }
    return ChannelUdpReceiver.bind(vertx, context, address, receiveBuffer, scratch, sources, sink);
  }

  /** The bound port (the real one when 0 was asked for). */
  int port();

  /** Closes the socket. */
  Future<Void> close();

  /** Receives each datagram's bytes. */
  interface Sink {
    /**
     * One datagram, in {@code buf} from {@code off} for {@code len} bytes (valid during the call
     * only); {@code sender} is null when the kernel did not report it.
     */
    void datagram(byte[] buf, int off, int len, InetSocketAddress sender);
  }
}
