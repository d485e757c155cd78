package io.sipexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sipexporter.catalog.ResponseCodeCatalog;
import io.sipexporter.ops.Dashboards;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The monitoring plumbing without the exporter: Alertmanager accepts alerts through API v2;
 * Prometheus loads every rule, scrapes a synthetic target shaped like the exporter, answers every
 * dashboard panel query and every evidence query of the code catalogue, and routes the 437 alert,
 * its description ending with the fix, to Alertmanager. With one exporter run with a peers file and
 * one without (issue 14), the dashboards' peer and direction variables at All still match the
 * series without those labels, a chosen peer narrows every panel to it, and the per-peer 437 alerts
 * name the peer and carry their side's fix.
 */
class MonitoringStackIT {

  @Test
  void alertmanagerAcceptsAnAlertThroughApiV2() {
    Path dir = TestDirs.fresh("MonitoringStackIT-alertmanager");
    try (Alertmanager alertmanager = Alertmanager.start(dir, Ports.freeTcp())) {
      alertmanager.post("SipExporterPlumbingTest", "info", "Plumbing test.");
      Await.until(
          "posted alert visible in alertmanager",
          Duration.ofSeconds(20),
          () -> !alertmanager.alerts("SipExporterPlumbingTest").isEmpty(),
          alertmanager::logTail);
      JsonNode alert = alertmanager.alerts("SipExporterPlumbingTest").get(0);
      assertThat(alert.path("annotations").path("summary").asText()).isEqualTo("Plumbing test.");
    }
  }

  @Test
  void prometheusLoadsTheRulesServesTheDashboardsAndFiresThe437Alert() {
    Path dir = TestDirs.fresh("MonitoringStackIT-prometheus");
    int targetPort = Ports.freeTcp();
    String target = "127.0.0.1:" + targetPort;
    try (SyntheticExporter exporter = new SyntheticExporter(targetPort);
        Alertmanager alertmanager = Alertmanager.start(dir, Ports.freeTcp());
        Prometheus prometheus =
            Prometheus.start(
                dir,
                Ports.freeTcp(),
                target,
                alertmanager.port(),
                FastRules.derive(dir.resolve("rules")))) {

      MonitoringChecks.awaitRulesLoaded(prometheus);
      Await.until("target up", Duration.ofSeconds(30), prometheus::targetUp, prometheus::logTail);
      MonitoringChecks.awaitEveryPanelHasData(prometheus, target);
      MonitoringChecks.assertEvidenceQueriesRun(prometheus);
      JsonNode alert =
          MonitoringChecks.awaitAlertInAlertmanager(
              alertmanager, "SipUnsupportedCertificate", target);
      assertThat(alert.path("labels").path("code").asText()).isEqualTo("437");
      assertThat(alert.path("labels").path("method").asText()).isEqualTo("INVITE");
    }
  }

  @Test
  void peerVariablesMatchSeriesWithoutPeerLabelsAndAlertsNameThePeerAndSide() {
    Path dir = TestDirs.fresh("MonitoringStackIT-peers");
    int plainPort = Ports.freeTcp();
    int peeredPort = Ports.freeTcp();
    String plain = "127.0.0.1:" + plainPort;
    String peered = "127.0.0.1:" + peeredPort;
    try (SyntheticExporter withoutPeers = new SyntheticExporter(plainPort);
        SyntheticExporter withPeers = SyntheticExporter.withPeers(peeredPort);
        Alertmanager alertmanager = Alertmanager.start(dir, Ports.freeTcp());
        Prometheus prometheus =
            Prometheus.start(
                dir,
                Ports.freeTcp(),
                List.of(plain, peered),
                alertmanager.port(),
                FastRules.derive(dir.resolve("rules")))) {
      MonitoringChecks.awaitRulesLoaded(prometheus);
      Await.until(
          "both targets up",
          Duration.ofSeconds(30),
          () -> prometheus.query("up{job=\"" + Prometheus.JOB + "\"} == 1").size() == 2,
          prometheus::logTail);

      // the peer variable lists the peers of the exporter that has them
      JsonNode peerVariable =
          Dashboards.variable(Dashboards.DIR.resolve("sip-exporter-overview.json"), "peer");
      Matcher values =
          Pattern.compile("label_values\\((.*), peer\\)")
              .matcher(peerVariable.path("definition").asText());
      assertThat(values.matches()).isTrue();
      String selector =
          Dashboards.substitute(values.group(1), Map.of("job", ".+", "instance", ".+"));
      Await.until(
          "responses of both exporters scraped",
          Duration.ofSeconds(30),
          () -> labelValues(prometheus, "count by (peer) (" + selector + ")", "peer").size() == 2,
          prometheus::logTail);
      assertThat(labelValues(prometheus, "count by (peer) (" + selector + ")", "peer"))
          .containsExactlyInAnyOrder("carrier-a", "");

      // All, as the dashboard defines it, matches the series without the labels...
      String all =
          "sip_responses_total{instance=\""
              + plain
              + "\", peer=~\""
              + Dashboards.allValue("peer")
              + "\", direction=~\""
              + Dashboards.allValue("direction")
              + "\"}";
      String unfiltered = "sip_responses_total{instance=\"" + plain + "\"}";
      assertThat(prometheus.query(all).size())
          .isPositive()
          .isEqualTo(prometheus.query(unfiltered).size());
      // ...as well as the labelled ones, and the unlabelled traffic of the exporter with peers
      assertThat(
              labelValues(
                  prometheus,
                  "count by (peer, direction) (" + all.replace(plain, peered) + ")",
                  "direction"))
          .containsExactlyInAnyOrder("in", "out", "");
      // a chosen peer does filter: the exporter without peers has none of its series
      assertThat(prometheus.query(unfiltered.replace("}", ", peer=~\"carrier-a\"}"))).isEmpty();

      // every panel has data with All, on each exporter alone...
      MonitoringChecks.awaitPanelsHaveData(prometheus, MonitoringChecks.variables(plain, Map.of()));
      MonitoringChecks.awaitPanelsHaveData(
          prometheus, MonitoringChecks.variables(peered, Map.of()));
      // ...and with one peer and side chosen, the per-peer panels show only that peer and side
      Map<String, String> carrierAIn =
          MonitoringChecks.variables(peered, Map.of("peer", "carrier-a", "direction", "in"));
      MonitoringChecks.awaitPanelsHaveData(prometheus, carrierAIn);
      for (Dashboards.Query q : Dashboards.rowQueries("Peers", carrierAIn)) {
        for (JsonNode series : prometheus.query(q.expr())) {
          assertThat(series.path("metric").path("peer").asText())
              .as(q.panel())
              .isEqualTo("carrier-a");
          assertThat(series.path("metric").path("direction").asText())
              .as(q.panel())
              .isEqualTo("in");
        }
      }
      List<String> failing = new ArrayList<>();
      for (Dashboards.Query q :
          Dashboards.rowQueries("Peers", MonitoringChecks.variables(peered, Map.of()))) {
        if (q.panel().equals("Top failing codes by peer and direction")) {
          for (JsonNode series : prometheus.query(q.expr())) {
            JsonNode m = series.path("metric");
            failing.add(
                m.path("peer").asText()
                    + "/"
                    + m.path("direction").asText()
                    + "/"
                    + m.path("code").asText());
          }
        }
      }
      // 437, 503 and 428 are failures; 486 (busy) and 401 (a challenge) are not
      assertThat(failing)
          .contains("carrier-a/in/437", "carrier-a/out/437", "/" + "/437", "carrier-a/in/503")
          .noneMatch(f -> f.endsWith("/486") || f.endsWith("/401"));

      // the 437 alert, per peer and side, with that side's fix; without peer, the general one
      for (String direction : List.of("in", "out")) {
        JsonNode alert =
            MonitoringChecks.awaitAlertWithLabels(
                alertmanager,
                "SipUnsupportedCertificate",
                Map.of("instance", peered, "peer", "carrier-a", "direction", direction));
        assertThat(alert.path("annotations").path("description").asText())
            .contains(
                direction.equals("in")
                    ? "(peer carrier-a answered)"
                    : "(you answered peer carrier-a)")
            .contains(
                direction.equals("in")
                    ? "Your signing certificate"
                    : "your verifier's trust store");
      }
      for (String instance : List.of(plain, peered)) {
        JsonNode alert =
            MonitoringChecks.awaitAlertWithLabels(
                alertmanager,
                "SipUnsupportedCertificate",
                Map.of("instance", instance, "peer", "", "direction", ""));
        assertThat(alert.path("annotations").path("description").asText())
            .doesNotContain("peer")
            .endsWith(ResponseCodeCatalog.load().lookup(437).howToFix());
      }
    }
  }

  private static List<String> labelValues(Prometheus prometheus, String promql, String label) {
    List<String> values = new ArrayList<>();
    prometheus.query(promql).forEach(s -> values.add(s.path("metric").path(label).asText()));
    return values;
  }
}
