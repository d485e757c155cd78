package io.sipexporter.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.InternetProtocolFamily;
import io.sipexporter.core.ListenAddress;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.net.InetSocketAddress;

/**
 * The portable {@link UdpReceiver}, where epoll is not (not Linux): a Netty datagram channel on the
 * event loop reading one datagram a call into one buffer the socket keeps for its life ({@link
 * ReadBufferAllocator}; Vert.x's DatagramSocket would allocate and zero a buffer as large as
 * SO_RCVBUF for every datagram); each datagram is copied into the scanner's scratch array and
 * handed on.
 */
final class ChannelUdpReceiver implements UdpReceiver {
  private static final int MAX_DATAGRAM = 65535;

  private static final int READS_PER_WAKEUP = 256;

  private final DatagramChannel channel;

  private ChannelUdpReceiver(DatagramChannel channel) {
    this.channel = channel;
  }

  /** See {@link UdpReceiver#bind}. */
  static Future<UdpReceiver> bind(
      Vertx vertx,
      Context context,
      ListenAddress address,
      int receiveBuffer,
      byte[] scratch,
      AllowedSources sources,
      Sink sink) {
    boolean v6 = address.host().indexOf(':') >= 0;
    DatagramChannel channel =
        ((VertxInternal) vertx)
            .transport()
            .datagramChannel(v6 ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4);
    channel.config().setReceiveBufferSize(receiveBuffer);
    channel
        .config()
        .setRecvByteBufAllocator(
            new FixedRecvByteBufAllocator(MAX_DATAGRAM).maxMessagesPerRead(READS_PER_WAKEUP));
    ReadBufferAllocator buffers = new ReadBufferAllocator(MAX_DATAGRAM);
    channel.config().setAllocator(buffers);
    channel.closeFuture().addListener(closed -> buffers.close());
    channel.pipeline().addLast(new Handler(scratch, sources, sink));
    Promise<UdpReceiver> bound = Promise.promise();
    ((ContextInternal) context)
        .nettyEventLoop()
        .register(channel)
        .addListener(
            registered -> {
              if (!registered.isSuccess()) {
                bound.fail(registered.cause());
                return;
              }
              channel
                  .bind(new InetSocketAddress(address.host(), address.port()))
                  .addListener(
                      b -> {
                        if (b.isSuccess()) {
                          bound.complete(new ChannelUdpReceiver(channel));
                        } else {
                          // the bind failed: nothing waits on closing the channel it made
                          var unused = channel.close();
                          bound.fail(b.cause());
                        }
                      });
            });
    return bound.future();
  }

  @Override
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public Future<Void> close() {
    Promise<Void> closed = Promise.promise();
    channel.close().addListener(f -> closed.complete());
    return closed.future();
  }

  /** Copies the datagram into the scratch buffer and hands it on; the pooled buffer goes back. */
  private static final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final byte[] scratch;
    private final AllowedSources sources;
    private final Sink sink;

    Handler(byte[] scratch, AllowedSources sources, Sink sink) {
      this.scratch = scratch;
      this.sources = sources;
      this.sink = sink;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      if (sources != null && !sources.allowsAll() && !sources.admit(packet.sender().getAddress())) {
        return; // counted
      }
      ByteBuf content = packet.content();
      int len = Math.min(content.readableBytes(), scratch.length);
      content.getBytes(content.readerIndex(), scratch, 0, len);
      sink.datagram(scratch, 0, len, packet.sender());
    }
  }
}
