package io.sipexporter.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.epoll.RecvmmsgBatch;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.unix.FileDescriptor;
import io.sipexporter.core.ListenAddress;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux {@link UdpReceiver}: its own non-blocking socket (SO_REUSEPORT, so each event loop
 * binds one on the port and the kernel spreads senders over them) registered with the event loop's
 * epoll (its receive buffer past {@code net.core.rmem_max} where the process may: {@link
 * ReceiveBuffer}), read when readable with recvmmsg, up to {@value #BATCH} datagrams a call, each
 * into its own 64 KiB segment (a UDP payload's maximum, so none is cut) of one buffer kept for the
 * socket's life. Nothing is allocated a datagram: lengths and senders are read where Netty's
 * binding writes them ({@link RecvmmsgBatch}), and a sender's address object is made once and
 * reused while the sender stays the same ({@link SenderCache}). Level-triggered: after {@value
 * #BATCHES_PER_WAKEUP} batches the loop turns to its other work (TCP peers, timers) and comes back
 * for the rest.
 */
final class EpollUdpReceiver implements UdpReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(EpollUdpReceiver.class);
  private static final int SEGMENT = 65536;
  private static final int BATCH = 64;
  private static final int BATCHES_PER_WAKEUP = 16;

  private final IoEventLoop loop;
  private final LinuxSocket socket;
  private final ByteBuf buffer;
  private final RecvmmsgBatch batch;
  private final SenderCache senders = new SenderCache();
  private final byte[] scratch;
  private final AllowedSources sources;
  private final Sink sink;
  private final int port;
  private IoRegistration registration;
  private boolean closed;

  private EpollUdpReceiver(
      IoEventLoop loop, LinuxSocket socket, byte[] scratch, AllowedSources sources, Sink sink)
      throws IOException {
    this.loop = loop;
    this.socket = socket;
    this.port = ((InetSocketAddress) socket.localAddress()).getPort();
    this.buffer = PooledByteBufAllocator.DEFAULT.directBuffer(SEGMENT * BATCH, SEGMENT * BATCH);
    this.batch = new RecvmmsgBatch(buffer, BATCH, SEGMENT);
    this.scratch = scratch;
    this.sources = sources;
    this.sink = sink;
  }

  /** See {@link UdpReceiver#bind}. */
  static Future<UdpReceiver> bind(
      IoEventLoop loop,
      ListenAddress address,
      int receiveBuffer,
      byte[] scratch,
      AllowedSources sources,
      Sink sink) {
    boolean v6 = address.host().indexOf(':') >= 0;
    LinuxSocket socket =
        LinuxSocket.newSocketDgram(v6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET);
    EpollUdpReceiver receiver;
    try {
      socket.setReusePort(true);
      ReceiveBuffer.apply(socket, receiveBuffer);
      socket.bind(new InetSocketAddress(address.host(), address.port()));
      receiver = new EpollUdpReceiver(loop, socket, scratch, sources, sink);
    } catch (IOException e) {
      closeQuietly(socket);
      return Future.failedFuture(e);
    }
    Promise<UdpReceiver> registered = Promise.promise();
    loop.register(receiver.new Readable())
        .addListener(
            r -> {
              if (!r.isSuccess()) {
                receiver.release();
                registered.fail(r.cause());
                return;
              }
              receiver.registration = (IoRegistration) r.getNow();
              receiver.registration.submit(EpollIoOps.EPOLLIN);
              registered.complete(receiver);
            });
    return registered.future();
  }

  private void deliver(int i) {
    InetSocketAddress sender =
        senders.of(batch.sender(i), batch.senderLength(i), batch.senderPort(i));
    if (sources != null
        && !sources.allowsAll()
        && !sources.admit(sender == null ? null : sender.getAddress())) {
      return; // counted
    }
    int len = Math.min(batch.length(i), scratch.length);
    buffer.getBytes(batch.offset(i), scratch, 0, len);
    try {
      sink.datagram(scratch, 0, len, sender);
    } catch (RuntimeException e) {
      // a fault in what handles one datagram must not stop the reads of the next
      LOG.error("a UDP datagram on port {} could not be handled", port(), e);
    }
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public Future<Void> close() {
    Promise<Void> done = Promise.promise();
    Runnable close =
        () -> {
          if (registration != null) {
            registration.cancel();
          }
          release();
          done.complete();
        };
    if (loop.inEventLoop()) {
      close.run();
    } else {
      try {
        loop.execute(close); // on the loop: never while a read uses the buffer
      } catch (RejectedExecutionException e) {
        done.complete(); // a loop that has stopped closed its registered handles itself
      }
    }
    return done.future();
  }

  /** The socket as the event loop's epoll sees it: read when readable. */
  private final class Readable implements EpollIoHandle {
    @Override
    public FileDescriptor fd() {
      return socket;
    }

    @Override
    public void handle(IoRegistration registration, IoEvent event) {
      for (int round = 0; round < BATCHES_PER_WAKEUP && !closed; round++) {
        int read;
        try {
          read = batch.read(socket);
        } catch (IOException e) {
          LOG.debug("UDP read on port {} failed: {}", port(), e.toString());
          return;
        }
        for (int i = 0; i < read; i++) {
          deliver(i);
        }
        if (read < batch.capacity()) {
          return; // the socket is drained
        }
      }
    }

    /** Called by the event loop when it shuts down with the socket still registered. */
    @Override
    public void close() {
      release();
    }
  }

  private void release() {
    if (closed) {
      return;
    }
    closed = true;
    closeQuietly(socket);
    batch.close();
    buffer.release();
  }

  private static void closeQuietly(LinuxSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("closing a UDP socket: {}", e.toString());
    }
  }
}
