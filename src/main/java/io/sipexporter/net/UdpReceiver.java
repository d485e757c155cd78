package io.sipexporter.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.unix.UnixChannelOption;
import io.sipexporter.core.ListenAddress;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.net.InetSocketAddress;

/**
 * A UDP socket read on a verticle's own event loop, set up as a collector needs it. Vert.x's
 * DatagramSocket allocates (and zeroes) a read buffer as large as SO_RCVBUF for every datagram and
 * reads one datagram per wake-up: with a 4 MiB buffer that capped a socket near 8,000 datagrams a
 * second. This one keeps SO_RCVBUF large and, on epoll, reads up to {@value #BATCH} datagrams a
 * system call (recvmmsg), each into its own 64 KiB segment (a UDP payload's maximum, so none is
 * cut) of one buffer the socket keeps for its life ({@link ReadBufferAllocator}); each datagram is
 * then copied into the scanner's scratch array and handed on. Without epoll (not Linux) it reads
 * one datagram a call into the same kind of kept buffer.
 */
public final class UdpReceiver {
  private static final int MAX_DATAGRAM = 65535;

  /** Datagrams one recvmmsg call can return, each in its own 64 KiB segment of one buffer. */
  private static final int BATCH = 32;

  private static final int READS_PER_WAKEUP = 256;

  private final DatagramChannel channel;

  private UdpReceiver(DatagramChannel channel) {
    this.channel = channel;
  }

  /**
   * Binds {@code address} on {@code context}'s event loop; {@code sink} gets the bytes of each
   * datagram from an allowed source ({@code sources} null: any) copied into {@code scratch}, on
   * that event loop.
   */
  public static Future<UdpReceiver> bind(
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
    int readBuffer = MAX_DATAGRAM;
    if (channel instanceof EpollDatagramChannel) {
      // each event loop binds its own socket on the port; the kernel spreads senders over them
      channel.config().setOption(UnixChannelOption.SO_REUSEPORT, true);
      // recvmmsg: up to BATCH datagrams a system call, each whole (no datagram exceeds a segment)
      channel.config().setOption(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM);
      readBuffer = MAX_DATAGRAM * BATCH;
    }
    channel
        .config()
        .setRecvByteBufAllocator(
            new FixedRecvByteBufAllocator(readBuffer).maxMessagesPerRead(READS_PER_WAKEUP));
    ReadBufferAllocator buffers = new ReadBufferAllocator(readBuffer);
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
                          bound.complete(new UdpReceiver(channel));
                        } else {
                          // the bind failed: nothing waits on closing the channel it made
                          var unused = channel.close();
                          bound.fail(b.cause());
                        }
                      });
            });
    return bound.future();
  }

  /** The bound port (the real one when 0 was asked for). */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Closes the socket. */
  public Future<Void> close() {
    Promise<Void> closed = Promise.promise();
    channel.close().addListener(f -> closed.complete());
    return closed.future();
  }

  /** Receives each datagram's bytes. */
  public interface Sink {
    void datagram(byte[] buf, int off, int len, InetSocketAddress sender);
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
