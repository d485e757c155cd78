package io.sipexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --transactions.exemplars} through a real Prometheus with exemplar storage: it scrapes the
 * exporter jar (OpenMetrics, exemplars and all, target up), and {@code /api/v1/query_exemplars}
 * returns the Call-ID of a call sent to the exporter on the duration histograms.
 */
class ExemplarStorageIT {
  private static final String CALL_ID = "e2e-7f3a9c@192.0.2.10";

  @Test
  void prometheusStoresTheCallIdAsExemplar() {
    Path dir = TestDirs.fresh("ExemplarStorageIT");
    int hepPort = Ports.freeUdpAndTcp();
    try (Exporter exporter =
            Exporter.start(
                dir,
                Ports.freeUdpAndTcp(),
                Ports.freeTcp(),
                List.of("--transactions.exemplars", "--hep.listen-address=127.0.0.1:" + hepPort));
        Prometheus prometheus =
            Prometheus.start(
                dir,
                Ports.freeTcp(),
                Prometheus.scrapeEverySecond(Prometheus.exporterJob(exporter.target())),
                List.of("--enable-feature=exemplar-storage"))) {
      Await.until(
          "exporter scraped", Duration.ofSeconds(30), prometheus::targetUp, prometheus::logTail);
      sendCall(hepPort);

      List<String> found = new ArrayList<>();
      Await.until(
          "the Call-ID as exemplar of the INVITE, BYE and call durations",
          Duration.ofSeconds(30),
          () -> {
            found.clear();
            for (String metric :
                List.of(
                    "sip_transaction_duration_seconds_bucket",
                    "sip_invite_post_dial_delay_seconds_bucket",
                    "sip_call_duration_seconds_bucket")) {
              for (JsonNode series : prometheus.exemplars(metric, Duration.ofMinutes(5))) {
                for (JsonNode e : series.path("exemplars")) {
                  found.add(
                      series.path("seriesLabels").path("__name__").asText()
                          + " "
                          + series.path("seriesLabels").path("method").asText()
                          + " "
                          + e.path("labels").path("trace_id").asText()
                          + " "
                          + e.path("labels").path("span_id").asText());
                }
              }
            }
            return found.size() >= 4;
          },
          () -> "exemplars so far: " + found + "\n" + prometheus.logTail());
      assertThat(found)
          .containsExactlyInAnyOrder(
              "sip_transaction_duration_seconds_bucket INVITE " + CALL_ID + " 1 INVITE",
              "sip_transaction_duration_seconds_bucket BYE " + CALL_ID + " 2 BYE",
              "sip_invite_post_dial_delay_seconds_bucket  " + CALL_ID + " 1 INVITE",
              "sip_call_duration_seconds_bucket  " + CALL_ID + " 2 BYE");
      assertThat(prometheus.targetUp()).as("scrapes with exemplars still succeed").isTrue();
    }
  }

  /**
   * INVITE, 200 OK 150 ms later, a BYE of that dialog 300 ms after and its 200 OK, in HEPv3 over
   * UDP from one socket: the capture times set the durations, so nothing waits.
   */
  private static void sendCall(int hepPort) {
    long seconds = System.currentTimeMillis() / 1000;
    String inviteVia = "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-e2e-inv\r\n";
    String byeVia = "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-e2e-bye\r\n";
    String dialog = "From: <sip:alice@example.com>;tag=a1\r\n" + "Call-ID: " + CALL_ID + "\r\n";
    String callee = "To: <sip:bob@example.com>;tag=b2\r\n";
    try (DatagramSocket udp = new DatagramSocket()) {
      send(
          udp,
          hepPort,
          seconds,
          0,
          "INVITE sip:bob@example.com SIP/2.0\r\n"
              + inviteVia
              + dialog
              + "To: <sip:bob@example.com>\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
      send(
          udp,
          hepPort,
          seconds,
          150_000,
          "SIP/2.0 200 OK\r\n"
              + inviteVia
              + dialog
              + callee
              + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
      send(
          udp,
          hepPort,
          seconds,
          450_000,
          "BYE sip:bob@example.com SIP/2.0\r\n"
              + byeVia
              + dialog
              + callee
              + "CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n");
      send(
          udp,
          hepPort,
          seconds,
          470_000,
          "SIP/2.0 200 OK\r\n"
              + byeVia
              + dialog
              + callee
              + "CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void send(DatagramSocket udp, int port, long seconds, int micros, String text)
      throws IOException {
    byte[] sip = text.getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = io.sipexporter.Hep3Packet.sip(sip, seconds, micros).build();
    udp.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
  }
}
