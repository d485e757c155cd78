package io.sipexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The monitoring plumbing without the exporter: Alertmanager accepts alerts through API v2;
 * Prometheus loads every rule, scrapes a synthetic target shaped like the exporter, answers every
 * dashboard panel query and every evidence query of the code catalogue, and routes the 437 alert,
 * its description ending with the fix, to Alertmanager.
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
}
