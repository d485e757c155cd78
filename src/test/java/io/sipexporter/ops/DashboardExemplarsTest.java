package io.sipexporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The overview's p95 duration queries ask Grafana for exemplars, and only those. */
class DashboardExemplarsTest {

  @Test
  void theThreeDurationP95QueriesShowExemplars() {
    List<String> withExemplars = new ArrayList<>();
    JsonNode overview = Dashboards.read(Dashboards.DIR.resolve("sip-exporter-overview.json"));
    for (JsonNode panel : Dashboards.panels(overview)) {
      for (JsonNode target : panel.path("targets")) {
        if (target.path("exemplar").asBoolean(false)) {
          String expr = target.path("expr").asText();
          assertThat(expr).startsWith("histogram_quantile(0.95, ");
          withExemplars.add(expr.replaceAll(".*\\((sip_\\w+_bucket)\\{.*", "$1"));
          assertThat(panel.path("description").asText()).contains("--transactions.exemplars");
        }
      }
    }
    assertThat(withExemplars)
        .containsExactlyInAnyOrder(
            "sip_transaction_duration_seconds_bucket",
            "sip_invite_post_dial_delay_seconds_bucket",
            "sip_call_duration_seconds_bucket");
  }
}
