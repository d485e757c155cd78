package io.sipexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.Scrape;
import io.sipexporter.SipText;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: {@code --sip.allowed-sources} / {@code --hep.allowed-sources} over real sockets. Only
 * 127.0.0.2 may send SIP: what 127.0.0.1 sends (UDP datagrams, a TCP connection) is dropped and
 * counted, what 127.0.0.2 sends is counted as SIP. The HEP list comes from {@code --config.file}.
 */
@org.junit.jupiter.api.Timeout(120)
class AllowedSourcesIT {
  private static final Map<String, String> SIP_DROPPED =
      Map.of("input", "sip", "reason", "source_not_allowed");
  private static final Map<String, String> HEP_DROPPED =
      Map.of("input", "hep", "reason", "source_not_allowed");

  @TempDir Path dir;

  @Test
  void datagramsAndConnectionsFromOutsideTheListAreDroppedAndCounted() throws Exception {
    int sipPort = Ports.freeUdpAndTcp();
    int hepPort = Ports.freeUdpAndTcp();
    Path config = dir.resolve("config.yml");
    Files.writeString(config, "hep:\n  allowed-sources: \"10.0.0.0/8, 2001:db8::/32\"\n");
    try (Exporter exporter =
        Exporter.start(
            dir,
            sipPort,
            Ports.freeTcp(),
            List.of(
                "--sip.allowed-sources=127.0.0.2/32",
                "--hep.listen-address=127.0.0.1:" + hepPort,
                "--config.file=" + config))) {
      send("127.0.0.1", sipPort, 7, "denied");
      send("127.0.0.2", sipPort, 5, "allowed");
      send("127.0.0.1", hepPort, 3, "hep-denied");
      try (Socket tcp = new Socket()) {
        tcp.bind(new InetSocketAddress("127.0.0.1", 0));
        tcp.connect(new InetSocketAddress("127.0.0.1", sipPort), 5000);
        tcp.getOutputStream().write(SipText.request("OPTIONS", "tcp-denied", 1, ""));
        tcp.setSoTimeout(5000);
        assertThat(closedByPeer(tcp)).as("closed by the exporter").isTrue();
      }

      Await.until(
          "drops counted",
          Duration.ofSeconds(20),
          () -> {
            Scrape s = exporter.scrape();
            return s.sum("sip_exporter_messages_dropped_total", SIP_DROPPED) == 8
                && s.sum("sip_exporter_messages_dropped_total", HEP_DROPPED) == 3
                && s.sum("sip_requests_total", Map.of("method", "OPTIONS")) == 5;
          },
          exporter::logTail);
      Scrape s = exporter.scrape();
      assertThat(s.sum("sip_exporter_messages_dropped_total", SIP_DROPPED))
          .as("7 datagrams and 1 connection from 127.0.0.1")
          .isEqualTo(8);
      assertThat(s.sum("sip_exporter_messages_received_total", Map.of("input", "sip")))
          .as("only the allowed source's datagrams were read")
          .isEqualTo(5);
      assertThat(s.sum("sip_exporter_messages_received_total", Map.of("input", "hep"))).isZero();
      assertThat(s.sum("sip_requests_total", Map.of("method", "OPTIONS"))).isEqualTo(5);
    }
  }

  @Test
  void anInvalidRangeExits2NamingIt() {
    RunningProcess p =
        Jar.args("--hep.allowed-sources=10.0.0.0/8,10.0.0.300/32").start("invalid", dir);
    assertThat(p.awaitExit(Duration.ofSeconds(60))).as(p.logTail()).isEqualTo(2);
    assertThat(p.logText()).contains("--hep.allowed-sources", "'10.0.0.300/32'");
  }

  /** True when the peer closes (FIN, or RST as our unread bytes meet the close). */
  private static boolean closedByPeer(Socket socket) throws java.io.IOException {
    try {
      return socket.getInputStream().read() == -1;
    } catch (java.net.SocketException e) {
      return e.getMessage().contains("reset");
    }
  }

  private static void send(String from, int port, int count, String callId) throws Exception {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(from, 0))) {
      for (int i = 0; i < count; i++) {
        byte[] msg = SipText.request("OPTIONS", callId + i, 1, "");
        socket.send(new DatagramPacket(msg, msg.length, InetAddress.getByName("127.0.0.1"), port));
      }
    }
  }
}
