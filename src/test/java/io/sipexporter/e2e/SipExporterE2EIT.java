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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole path: sipp calls through the example Kamailio, whose siptrace mirrors every message to
 * the exporter jar; the exporter's counts per (method, code) equal what tshark saw arrive on its
 * SIP port; Prometheus scrapes it with the alert rules loaded, every dashboard panel has data, and
 * the 437 alert reaches Alertmanager with its fix.
 */
class SipExporterE2EIT {
  private static final byte[] NOT_SIP =
      "this is not SIP\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  @Test
  void exporterCountsWhatWasMirroredAndThe437AlertReachesAlertmanager() {
    Path dir = TestDirs.fresh("SipExporterE2EIT");
    int sipPort = Ports.freeUdpAndTcp();
    int webPort = Ports.freeTcp();
    int proxyPort = Ports.freeUdpAndTcp();
    int uasPort = Ports.freeUdpAndTcp();
    SipTraffic traffic = SipTraffic.standard();

    try (Tshark capture = Tshark.start(dir, proxyPort, sipPort);
        Exporter exporter = Exporter.start(dir, sipPort, webPort);
        Alertmanager alertmanager = Alertmanager.start(dir, Ports.freeTcp());
        Prometheus prometheus =
            Prometheus.start(
                dir,
                Ports.freeTcp(),
                exporter.target(),
                alertmanager.port(),
                FastRules.derive(dir.resolve("rules")));
        RunningProcess uas = Sipp.startUas(dir, uasPort);
        Kamailio kamailio = Kamailio.start(dir, proxyPort, uasPort, sipPort)) {

      MonitoringChecks.awaitRulesLoaded(prometheus);
      Await.until(
          "exporter scraped", Duration.ofSeconds(30), prometheus::targetUp, prometheus::logTail);

      // Prometheus cannot see the first value of a new series as an increase: a first round
      // creates every (method, code) series, the second, once scraped, is what rate() sees.
      traffic.send(dir, proxyPort);
      Await.until(
          "first round scraped",
          Duration.ofSeconds(20),
          () -> !prometheus.query("sip_responses_total{code=\"437\"}").isEmpty(),
          exporter::logTail);
      traffic.send(dir, proxyPort);
      sendNotSip(sipPort);

      String proxiedFilter = "udp.port == " + proxyPort + " && udp.dstport != " + sipPort;
      String mirroredFilter = "udp.dstport == " + sipPort;
      Await.until(
          "mirror copies of every proxied message in the capture",
          Duration.ofSeconds(20),
          () -> capture.count(mirroredFilter).asMap().equals(capture.count(proxiedFilter).asMap()),
          () ->
              "proxied: "
                  + capture.count(proxiedFilter)
                  + "\nmirrored: "
                  + capture.count(mirroredFilter));
      capture.stop();
      SipCounts mirrored = capture.count(mirroredFilter);

      Await.until(
          "exporter counts equal to tshark's",
          Duration.ofSeconds(20),
          () -> exporter.scrape().sipCounts().asMap().equals(mirrored.asMap()),
          () ->
              "tshark:   "
                  + mirrored
                  + "\nexporter: "
                  + exporter.scrape().sipCounts()
                  + "\n"
                  + exporter.logTail());
      Samples metrics = exporter.scrape();
      System.out.printf(
          "SipExporterE2EIT: mirrored %d SIP messages, exporter counted %s%n",
          mirrored.total(), metrics.sipCounts());
      assertThat(metrics.sipCounts().responses()).isEqualTo(mirrored.responses());
      assertThat(metrics.sipCounts().requests()).isEqualTo(mirrored.requests());
      assertThat(
              metrics.sum(
                  "sip_exporter_messages_received_total",
                  Map.of("input", "sip", "transport", "udp")))
          .as("every mirrored datagram received, the one that is not SIP included")
          .isEqualTo(mirrored.total() + 1.0);
      assertThat(metrics.sum("sip_exporter_parse_errors_total", Map.of("input", "sip")))
          .isGreaterThanOrEqualTo(1.0);
      assertThat(metrics.named("sip_exporter_build_info")).hasSize(1);
      assertThat(
              metrics.sum(
                  "sip_response_code_info",
                  Map.of("code", "437", "reason", "Unsupported Credential", "class", "4xx")))
          .isEqualTo(1.0);

      MonitoringChecks.awaitEveryPanelHasData(prometheus, exporter.target());
      JsonNode alert =
          MonitoringChecks.awaitAlertInAlertmanager(alertmanager, "SipUnsupportedCertificate");
      assertThat(alert.path("labels").path("method").asText()).isEqualTo("INVITE");
    }
  }

  private static void sendNotSip(int port) {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.send(
          new DatagramPacket(NOT_SIP, NOT_SIP.length, InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
