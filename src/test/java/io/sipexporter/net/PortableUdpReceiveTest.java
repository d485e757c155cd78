package io.sipexporter.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.e2e.Await;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where epoll is not (not Linux, or its native library did not load) the receiver is a Netty NIO
 * channel: every datagram still reaches the sink whole, the largest one too, with its sender.
 */
class PortableUdpReceiveTest {
  private final Vertx vertx =
      Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(false));

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void everyDatagramArrivesWholeWithItsSender() throws Exception {
    List<byte[]> read = Collections.synchronizedList(new ArrayList<>());
    List<InetSocketAddress> senders = Collections.synchronizedList(new ArrayList<>());
    UdpReceiver receiver =
        LoopbackReceivers.bind(
            vertx,
            vertx.getOrCreateContext(),
            (buf, off, len, sender) -> {
              read.add(Arrays.copyOfRange(buf, off, off + len));
              senders.add(sender);
            });
    assertThat(receiver).isInstanceOf(ChannelUdpReceiver.class);

    byte[] largest = new byte[65_507];
    Arrays.fill(largest, (byte) 'x');
    List<byte[]> sent = List.of("SIP/2.0 200 OK\r\n\r\n".getBytes(), largest, new byte[] {'y'});
    try (DatagramSocket socket = new DatagramSocket()) {
      InetAddress loopback = InetAddress.getByName("127.0.0.1");
      for (byte[] d : sent) {
        socket.send(new DatagramPacket(d, d.length, loopback, receiver.port()));
      }
      Await.until(
          "3 datagrams read",
          Duration.ofSeconds(10),
          () -> read.size() >= sent.size(),
          () -> read.size() + " read");
      assertThat(senders).allMatch(s -> s.getPort() == socket.getLocalPort());
    }
    assertThat(read).containsExactlyElementsOf(sent);
  }
}
