package io.sipexporter.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sipexporter.Hep3Packet;
import io.sipexporter.core.Ingest;
import io.sipexporter.e2e.Await;
import io.sipexporter.pipeline.DefaultPipeline;
import io.sipexporter.pipeline.HepIngest;
import io.sipexporter.pipeline.SipIngest;
import io.sipexporter.pipeline.SipPipeline;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Datagrams that wait in the socket's queue are read many to a system call (recvmmsg, each into its
 * own segment of one reused buffer): every one of them reaches the ingest whole and is counted
 * once, the empty, the cut and the largest a UDP datagram can be (65,507 bytes) among them, and the
 * good ones after a bad one are still counted.
 */
class UdpBatchReadTest {
  /** The largest UDP payload over IPv4: 65,535 less the IP and UDP headers. */
  private static final int LARGEST = 65_507;

  private static final int GOOD = 120;

  private final Vertx vertx =
      Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(true));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SipPipeline pipeline = DefaultPipeline.over(registry);

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void rawSipBatchCountsEveryDatagram() throws Exception {
    List<byte[]> sent = mixedBatch(Function.identity());
    List<byte[]> read = readWhileQueued(sent, new SipIngest(pipeline, 65535));

    assertThat(read).hasSameSizeAs(sent);
    for (int i = 0; i < sent.size(); i++) {
      assertThat(read.get(i)).as("datagram %d of %d", i, sent.size()).isEqualTo(sent.get(i));
    }
    assertCounted("sip", sent.size());
  }

  @Test
  void hepBatchCountsEveryDatagram() throws Exception {
    List<byte[]> sent = mixedBatch(sip -> Hep3Packet.sip(sip, 1_700_000_000L, 0).build());
    List<byte[]> read = readWhileQueued(sent, new HepIngest(pipeline, null));

    assertThat(read).hasSameSizeAs(sent);
    for (int i = 0; i < sent.size(); i++) {
      assertThat(read.get(i)).as("datagram %d of %d", i, sent.size()).isEqualTo(sent.get(i));
    }
    assertCounted("hep", sent.size());
  }

  /**
   * {@link #GOOD} distinct 200 responses with, among them: an empty datagram, one cut inside its
   * headers, one whose body is shorter than its Content-Length, and two of the largest size, one
   * good (a 200 with a big body) and one bad (a 200 whose Content-Length claims more); {@code wrap}
   * makes each SIP message a datagram (HEP wraps it; the empty one stays empty).
   */
  private static List<byte[]> mixedBatch(Function<byte[], byte[]> wrap) {
    List<byte[]> batch = new ArrayList<>();
    for (int i = 0; i < GOOD; i++) {
      batch.add(wrap.apply(response(i, "")));
      switch (i) {
        case 10 -> batch.add(new byte[0]);
        case 20 -> batch.add(wrap.apply(Arrays.copyOf(response(i, ""), 60)));
        case 30 -> {
          byte[] whole = response(i, "v=0\r\n".repeat(20));
          batch.add(wrap.apply(Arrays.copyOf(whole, whole.length - 7)));
        }
        case 40 -> batch.add(wrap.apply(largest(i, wrap, 0)));
        case 50 -> batch.add(wrap.apply(largest(i, wrap, 9)));
        default -> {}
      }
    }
    return batch;
  }

  /** A 200 filling the largest datagram once wrapped; {@code lie} bytes over its Content-Length. */
  private static byte[] largest(int i, Function<byte[], byte[]> wrap, int lie) {
    int body = LARGEST - wrap.apply(response(i, "")).length;
    byte[] message = response(i, "x".repeat(body), body + lie);
    while (wrap.apply(message).length != LARGEST) { // the Content-Length's digits take room too
      body -= wrap.apply(message).length - LARGEST;
      message = response(i, "x".repeat(body), body + lie);
    }
    return message;
  }

  private static byte[] response(int i, String body) {
    return response(i, body, body.length());
  }

  private static byte[] response(int i, String body, int contentLength) {
    return ("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-batch"
            + i
            + "\r\nFrom: <sip:a@example.com>;tag=f"
            + i
            + "\r\nTo: <sip:b@example.com>;tag=t"
            + i
            + "\r\nCall-ID: batch-"
            + i
            + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: "
            + contentLength
            + "\r\n\r\n"
            + body)
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Sends {@code datagrams} while the receiving event loop is held, so all of them wait in the
   * socket's queue and its next wake-up reads them in batches; returns a copy of each datagram as
   * the receiver handed it on, in order, once all have been.
   */
  private List<byte[]> readWhileQueued(List<byte[]> datagrams, Ingest ingest) throws Exception {
    assertThat(vertx.isNativeTransportEnabled())
        .as("epoll (the exporter's transport on Linux), so recvmmsg reads the batch")
        .isTrue();
    List<byte[]> read = Collections.synchronizedList(new ArrayList<>());
    Context context = vertx.getOrCreateContext();
    UdpReceiver receiver =
        LoopbackReceivers.bind(
            vertx,
            context,
            (buf, off, len, sender) -> {
              read.add(Arrays.copyOfRange(buf, off, off + len));
              ingest.datagram(buf, off, len, sender);
            });
    assertThat(receiver).as("the epoll receiver (recvmmsg)").isInstanceOf(EpollUdpReceiver.class);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    context.runOnContext(
        v -> {
          held.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
    try (DatagramSocket socket = new DatagramSocket()) {
      InetAddress loopback = InetAddress.getByName("127.0.0.1");
      for (byte[] datagram : datagrams) {
        socket.send(new DatagramPacket(datagram, datagram.length, loopback, receiver.port()));
      }
    } finally {
      release.countDown();
    }
    Await.until(
        datagrams.size() + " datagrams read",
        Duration.ofSeconds(10),
        () -> read.size() >= datagrams.size(),
        () -> read.size() + " read");
    return new ArrayList<>(read);
  }

  private void assertCounted(String input, int datagrams) {
    assertThat(count("sip.exporter.messages.received", "input", input, "transport", "udp"))
        .isEqualTo(datagrams);
    assertThat(registry.find("sip.responses").tag("code", "200").counters())
        .as("every good 200 (the largest among them), none of the bad ones")
        .extracting(Counter::count)
        .containsExactly((double) GOOD + 1);
    assertThat(registry.find("sip.exporter.parse.errors").tag("input", input).counters())
        .as("the empty, the cut, the short body and the largest with a lying Content-Length")
        .extracting(Counter::count)
        .containsOnly(1.0, 2.0)
        .hasSize(3);
    assertThat(count("sip.exporter.parse.errors", "input", input, "reason", "truncated"))
        .isEqualTo(1);
    assertThat(count("sip.exporter.parse.errors", "input", input, "reason", "bad_content_length"))
        .isEqualTo(2);
  }

  private double count(String name, String... tags) {
    Counter c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }
}
