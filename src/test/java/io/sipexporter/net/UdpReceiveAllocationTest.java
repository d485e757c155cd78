package io.sipexporter.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.e2e.Await;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Linux receive path allocates nothing a datagram: Netty's datagram channel made a packet and a
 * sender address for each (about 107 bytes), a young collection a second at full rate. Measured as
 * the bytes the event loop's thread allocates while it reads {@link #MEASURED} datagrams from one
 * sender, after as many to warm up: under one byte a datagram.
 */
class UdpReceiveAllocationTest {
  private static final int MEASURED = 20_000;
  private static final int CHUNK = 2_000;
  private static final int MAX_ROUNDS = 10;

  private final Vertx vertx =
      Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(true));
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong fromSender = new AtomicLong();
  private volatile int senderPort;

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void readingDatagramsAllocatesNothingPerDatagram() throws Exception {
    Context context = vertx.getOrCreateContext();
    UdpReceiver receiver =
        LoopbackReceivers.bind(
            vertx,
            context,
            (buf, off, len, sender) -> {
              bytes.addAndGet(len);
              if (sender.getPort() == senderPort) {
                fromSender.incrementAndGet();
              }
              received.incrementAndGet();
            });
    assertThat(receiver).as("the epoll receiver, as on Linux").isInstanceOf(EpollUdpReceiver.class);
    long loopThread = loopThreadId(context);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    List<Long> allocatedPerRound = new ArrayList<>();
    try (DatagramSocket socket = new DatagramSocket()) {
      senderPort = socket.getLocalPort();
      while (allocatedPerRound.size() < MAX_ROUNDS
          && (allocatedPerRound.isEmpty() || allocatedPerRound.get(0) >= MEASURED)) {
        long before = threads.getThreadAllocatedBytes(loopThread);
        send(socket, receiver.port(), MEASURED);
        allocatedPerRound.add(0, threads.getThreadAllocatedBytes(loopThread) - before);
      }
    }
    long rounds = allocatedPerRound.size();
    assertThat(received.get()).isEqualTo(rounds * MEASURED);
    assertThat(bytes.get()).isEqualTo(rounds * MEASURED * datagram(0).length);
    assertThat(fromSender.get()).as("each with its sender").isEqualTo(rounds * MEASURED);
    assertThat(allocatedPerRound.get(0))
        .as(
            "bytes the event loop allocated reading %d datagrams, last round first: %s",
            MEASURED, allocatedPerRound)
        .isLessThan(MEASURED);
  }

  /** Sends {@code count} datagrams in chunks, each chunk read before the next is sent. */
  private void send(DatagramSocket socket, int port, int count) throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    for (int sent = 0; sent < count; ) {
      long expected = received.get() + CHUNK;
      for (int i = 0; i < CHUNK; i++, sent++) {
        byte[] d = datagram(sent % 10);
        socket.send(new DatagramPacket(d, d.length, loopback, port));
      }
      Await.until(
          expected + " datagrams read",
          Duration.ofSeconds(10),
          () -> received.get() >= expected,
          () -> received.get() + " read");
    }
  }

  private static byte[] datagram(int i) {
    return ("SIP/2.0 200 OK\r\nCall-ID: alloc-" + i + "\r\nCSeq: 1 OPTIONS\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static long loopThreadId(Context context) throws Exception {
    CompletableFuture<Long> id = new CompletableFuture<>();
    context.runOnContext(v -> id.complete(Thread.currentThread().getId()));
    return id.get(10, TimeUnit.SECONDS);
  }
}
