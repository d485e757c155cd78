package io.sipexporter.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.socket.SocketProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The receive buffer a UDP socket gets: past {@code net.core.rmem_max} with CAP_NET_ADMIN
 * (SO_RCVBUFFORCE), capped at it without; and (issue 11) the cap read whole from /proc.
 */
class ReceiveBufferTest {
  /** CAP_NET_ADMIN's bit in the effective capability set (linux/capability.h). */
  private static final int CAP_NET_ADMIN = 12;

  @BeforeAll
  static void loadEpoll() {
    Epoll.ensureAvailability(); // Netty's native library, as the exporter's event loops load it
  }

  @Test
  void aBufferAboveTheKernelCapIsForcedWhereTheProcessMayAndCappedWhereNot() throws Exception {
    long max = ReceiveBuffer.kernelMax();
    int asked = (int) Math.min(max * 2, 1 << 30);
    LinuxSocket socket = LinuxSocket.newSocketDgram(SocketProtocolFamily.INET);
    try {
      int granted = ReceiveBuffer.apply(socket, asked);
      if (hasNetAdmin()) {
        assertThat(granted).as("asked %d past rmem_max %d, as root", asked, max).isEqualTo(asked);
      } else {
        assertThat(granted).as("asked %d, capped at rmem_max", asked).isEqualTo(max);
      }
    } finally {
      socket.close();
    }
  }

  @Test
  void aBufferUnderTheCapIsWhatWasAsked() throws Exception {
    LinuxSocket socket = LinuxSocket.newSocketDgram(SocketProtocolFamily.INET);
    try {
      assertThat(ReceiveBuffer.apply(socket, 65536)).isEqualTo(65536);
    } finally {
      socket.close();
    }
  }

  private static boolean hasNetAdmin() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("CapEff:")) {
        long effective = Long.parseUnsignedLong(line.substring(7).trim(), 16);
        return (effective & (1L << CAP_NET_ADMIN)) != 0;
      }
    }
    throw new AssertionError("no CapEff line in /proc/self/status");
  }

  @Test
  void readsTheWholeRmemMaxAsCatPrintsIt() throws Exception {
    Process cat = new ProcessBuilder("cat", "/proc/sys/net/core/rmem_max").start();
    String printed = new String(cat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(cat.waitFor()).isZero();

    assertThat(ReceiveBuffer.kernelMax()).isEqualTo(Long.parseLong(printed.trim()));
  }
}
