package io.sipexporter.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.socket.SocketProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

  /**
   * This JVM: root in CI and under the README test command, so the buffer goes past the cap; run
   * without CAP_NET_ADMIN it gets the cap, as the next test checks in a child JVM.
   */
  @Test
  void withCapNetAdminABufferAboveTheKernelCapIsForced() throws Exception {
    long max = ReceiveBuffer.kernelMax();
    int asked = aboveTheCap(max);
    LinuxSocket socket = LinuxSocket.newSocketDgram(SocketProtocolFamily.INET);
    try {
      assertThat(ReceiveBuffer.apply(socket, asked))
          .as("asked %d past rmem_max %d, CAP_NET_ADMIN: %s", asked, max, hasNetAdmin())
          .isEqualTo(hasNetAdmin() ? asked : max);
    } finally {
      socket.close();
    }
  }

  /**
   * A JVM without CAP_NET_ADMIN (this one's root with it taken out of the bounding set, so it still
   * reads the class path): the start-up report and the socket go on with the capped size, nothing
   * thrown (Netty reports the refusal as an unchecked exception, which once ended start-up).
   */
  @Test
  void withoutCapNetAdminTheBufferIsCappedAndStartUpGoesOn() throws Exception {
    long max = ReceiveBuffer.kernelMax();
    int asked = aboveTheCap(max);
    List<String> command = new ArrayList<>();
    if (hasNetAdmin()) { // only a privileged process may drop the capability for its child
      command.addAll(List.of("setpriv", "--bounding-set=-net_admin", "--inh-caps=-net_admin"));
    }
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            ReceiveBufferProbe.class.getName(),
            String.valueOf(asked)));
    Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(probe.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("granted " + max)
        .contains("WARN")
        .contains("sysctl -w net.core.rmem_max=" + asked);
  }

  /** Twice {@code net.core.rmem_max}, within what SO_RCVBUFFORCE takes. */
  private static int aboveTheCap(long max) {
    return (int) Math.min(max * 2, 1 << 30);
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
