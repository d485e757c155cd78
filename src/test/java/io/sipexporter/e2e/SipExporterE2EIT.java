package io.sipexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sipexporter.Scrape;
import io.sipexporter.catalog.ResponseCodeCatalog;
import io.sipexporter.http.Html;
import io.sipexporter.ops.AlertRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole path: sipp calls through the example Kamailio, whose siptrace mirrors every message to
 * the exporter jar; the exporter's counts per (method, code) equal what tshark saw arrive on its
 * SIP port; Prometheus scrapes it with the alert rules loaded, every dashboard panel has data, and
 * the 437 alert goes through the real Alertmanager, running the shipped example config and
 * template, to a Slack receiver on loopback: the notification that arrives carries the summary, the
 * catalogue's fix and the runbook link on the exporter's real address, and that link answers.
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
        SlackReceiver slack = new SlackReceiver(Ports.freeTcp());
        Alertmanager alertmanager = Alertmanager.startShipped(dir, Ports.freeTcp(), slack.url());
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
          () -> SipCounts.of(exporter.scrape()).asMap().equals(mirrored.asMap()),
          () ->
              "tshark:   "
                  + mirrored
                  + "\nexporter: "
                  + SipCounts.of(exporter.scrape())
                  + "\n"
                  + exporter.logTail());
      Scrape metrics = exporter.scrape();
      System.out.printf(
          "SipExporterE2EIT: mirrored %d SIP messages, exporter counted %s%n",
          mirrored.total(), SipCounts.of(metrics));
      assertThat(SipCounts.of(metrics).responses()).isEqualTo(mirrored.responses());
      assertThat(SipCounts.of(metrics).requests()).isEqualTo(mirrored.requests());
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

      List<String> empty =
          MonitoringChecks.awaitEveryPanelHasDataOrMayBeEmpty(prometheus, exporter.target());
      System.out.printf("SipExporterE2EIT: panels empty as their descriptions allow: %s%n", empty);
      JsonNode alert =
          MonitoringChecks.awaitAlertInAlertmanager(
              alertmanager, "SipUnsupportedCertificate", exporter.target());
      assertThat(alert.path("labels").path("method").asText()).isEqualTo("INVITE");
      assertRenderedNotification(slack, exporter);
      // the other alerts' runbook links land on their sections of the page the jar serves
      assertThat(Http.get(exporter.url("/alerts")))
          .contains("<h3 id=\"sipexporternotrafficreceived\">SipExporterNoTrafficReceived</h3>")
          .contains("<h3 id=\"sipexporterudpreceivedrops\">SipExporterUdpReceiveDrops</h3>");
    }
  }

  /** The 437 notification as the shipped template rendered it, read from what Slack received. */
  private static void assertRenderedNotification(SlackReceiver slack, Exporter exporter) {
    Await.until(
        "the 437 notification at the Slack receiver",
        Duration.ofSeconds(60),
        () -> !slack.attachmentsTitled("SipUnsupportedCertificate").isEmpty(),
        slack::received);
    JsonNode message = slack.attachmentsTitled("SipUnsupportedCertificate").get(0);
    String runbook = exporter.url("/codes/437");
    AlertRules.Alert rule = AlertRules.load().alert("SipUnsupportedCertificate");
    String fix = ResponseCodeCatalog.load().lookup(437).howToFix();
    System.out.printf(
        "SipExporterE2EIT: Slack received%n  title: %s%n  title_link: %s%n  text:%n%s%n",
        message.path("title").asText(),
        message.path("title_link").asText(),
        message.path("text").asText());
    assertThat(message.path("title").asText())
        .isEqualTo(
            "[FIRING:1] SipUnsupportedCertificate on "
                + exporter.target()
                + ": "
                + rule.annotations().get("summary"));
    assertThat(message.path("title_link").asText()).isEqualTo(runbook);
    assertThat(message.path("text").asText())
        .startsWith("*CRITICAL* " + rule.annotations().get("summary") + "\n")
        .contains("of the final INVITE responses seen by " + exporter.target())
        .contains(AlertRules.FIX_MARK + fix + "\n")
        .contains("\nRunbook: " + runbook + "\n")
        .contains("code=437", "instance=" + exporter.target(), "method=INVITE");
    // the runbook link answers, with the same fix
    assertThat(Http.get(runbook)).contains(Html.escape(fix));
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
