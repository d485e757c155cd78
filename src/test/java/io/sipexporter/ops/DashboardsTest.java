package io.sipexporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** Every dashboard follows the conventions: datasource variable, job/instance, units, rates. */
class DashboardsTest {
  private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
  private static final Pattern COUNTER =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*_total)(\\{[^}]*})?(\\[[^]]*])?");

  /** The metrics, raw and recorded, that carry {@code peer} and {@code direction} (issue 14). */
  private static final Pattern PEER_METRIC =
      Pattern.compile(
          "sip_(requests|responses|transactions)_total"
              + "|sip_(transaction_duration|invite_post_dial_delay)_seconds_bucket"
              + "|instance_node_.*|instance_peer_direction:.*");

  private static final Pattern RANGE_FUNCTION = Pattern.compile("\\b(rate|increase)\\($");

  @Test
  void thereIsAnOverviewDashboard() {
    assertThat(Dashboards.files()).contains(Dashboards.DIR.resolve("sip-exporter-overview.json"));
  }

  @Test
  void dashboardsHaveAStableUidAndTheStandardVariables() throws IOException {
    for (Path file : Dashboards.files()) {
      JsonNode dashboard = Dashboards.read(file);
      assertThat(dashboard.path("uid").asText()).as("%s uid", file).matches("[a-z0-9-]{1,40}");
      assertThat(dashboard.has("__inputs")).as("%s must not need an import step", file).isFalse();
      assertThat(Files.readString(file)).as(file.toString()).doesNotContain("${DS_");

      Map<String, JsonNode> vars = new java.util.HashMap<>();
      dashboard.path("templating").path("list").forEach(v -> vars.put(v.path("name").asText(), v));
      assertThat(vars)
          .as("%s variables", file)
          .containsKeys("datasource", "job", "instance", "node");
      assertThat(vars.get("datasource").path("type").asText()).isEqualTo("datasource");
      assertThat(vars.get("datasource").path("query").asText()).isEqualTo("prometheus");
      // Grafana's All for node must also match series without the label (no --hep.nodes)
      assertThat(vars.get("node").path("allValue").asText()).as("%s node", file).isEqualTo(".*");
      // likewise peer and direction: no such labels without --peers.file (issue 14)
      assertThat(vars).as("%s variables", file).containsKeys("peer", "direction");
      for (String name : List.of("peer", "direction")) {
        assertThat(vars.get(name).path("includeAll").asBoolean()).as(name).isTrue();
        assertThat(vars.get(name).path("allValue").asText())
            .as("%s %s", file, name)
            .isEqualTo(".*");
      }
      assertThat(vars.get("peer").path("definition").asText())
          .as("%s peer values", file)
          .startsWith("label_values(sip_responses_total{")
          .endsWith(", peer)");
      for (String name : List.of("job", "instance", "node")) {
        assertThat(vars.get(name).path("type").asText()).as(name).isEqualTo("query");
        assertThat(vars.get(name).path("datasource").path("uid").asText())
            .as(name)
            .isEqualTo("${datasource}");
      }
    }
  }

  @Test
  void everyPanelHasATitleDescriptionUnitAndTheDatasourceVariable() {
    SoftAssertions soft = new SoftAssertions();
    for (Path file : Dashboards.files()) {
      JsonNode dashboard = Dashboards.read(file);
      Set<Integer> ids = new HashSet<>();
      for (JsonNode panel : Dashboards.panels(dashboard)) {
        String title = file.getFileName() + " / " + panel.path("title").asText();
        soft.assertThat(ids.add(panel.path("id").asInt())).as("%s unique id", title).isTrue();
        soft.assertThat(panel.path("title").asText()).as("%s title", title).isNotBlank();
        soft.assertThat(panel.path("description").asText())
            .as("%s description", title)
            .isNotBlank()
            .endsWith(".");
        soft.assertThat(panel.path("fieldConfig").path("defaults").path("unit").asText())
            .as("%s unit", title)
            .isNotBlank();
        soft.assertThat(panel.path("datasource").path("uid").asText())
            .as("%s datasource", title)
            .isEqualTo("${datasource}");
        soft.assertThat(panel.path("targets").size()).as("%s queries", title).isPositive();
        for (JsonNode target : panel.path("targets")) {
          soft.assertThat(target.path("datasource").path("uid").asText())
              .as("%s target datasource", title)
              .isEqualTo("${datasource}");
        }
      }
    }
    soft.assertAll();
  }

  @Test
  void everyQuerySelectsJobAndInstanceAndReadsCountersOnlyThroughRate() {
    SoftAssertions soft = new SoftAssertions();
    for (Dashboards.Query query : Dashboards.queries(Map.of())) {
      String where = query.panel() + " " + query.refId();
      String expr = query.expr();
      Matcher selectors = SELECTOR.matcher(expr);
      int count = 0;
      while (selectors.find()) {
        count++;
        soft.assertThat(selectors.group(2))
            .as("%s selector %s", where, selectors.group())
            .contains("job=~\"$job\"", "instance=~\"$instance\"");
        if (selectors.group(1).equals("sip_responses_total")
            || selectors.group(1).equals("sip_requests_total")
            || selectors.group(1).startsWith("instance_node_")) {
          // --hep.nodes adds a node label to these two: the dashboard's node variable filters them
          soft.assertThat(selectors.group(2))
              .as("%s selector %s", where, selectors.group())
              .contains("node=~\"$node\"");
        }
        if (PEER_METRIC.matcher(selectors.group(1)).matches()) {
          // --peers.file adds peer and direction to these: the dashboard's variables filter them
          soft.assertThat(selectors.group(2))
              .as("%s selector %s", where, selectors.group())
              .contains("peer=~\"$peer\"", "direction=~\"$direction\"");
        }
      }
      soft.assertThat(count).as("%s has a selector", where).isPositive();

      Matcher counters = COUNTER.matcher(expr);
      while (counters.find()) {
        String before = expr.substring(0, counters.start());
        soft.assertThat(counters.group(3))
            .as("%s: %s needs a range", where, counters.group())
            .isIn("[$__rate_interval]", "[$__range]");
        soft.assertThat(RANGE_FUNCTION.matcher(before).find())
            .as("%s: %s only through rate() or increase()", where, counters.group())
            .isTrue();
      }
      soft.assertThat(expr)
          .as("%s: no fixed rate windows", where)
          .doesNotContainPattern("\\[[0-9]+[smhd]]");
    }
    soft.assertAll();
  }

  /**
   * Only panels about the metrics whose presence depends on the exporter's version or
   * configuration, or on the traffic carrying Reason headers, may stay empty in the end-to-end
   * runs, and each says so in its description.
   */
  @Test
  void onlyPanelsOnOptionalMetricsMayBeEmpty() {
    Pattern optional =
        Pattern.compile(
            "sip_exporter_(messages_dropped|clock_skew|config_last_reload_successful"
                + "|tls_certificate_expiry_timestamp_seconds|responses_folded)"
                // Reason headers (RFC 3326) only where gateways or verifiers send them
                + "|sip_reason_causes_total");
    List<Dashboards.Query> queries = Dashboards.queries(Map.of());
    assertThat(queries.stream().filter(Dashboards.Query::mayBeEmpty).map(Dashboards.Query::panel))
        .as("panels that may be empty")
        .hasSizeGreaterThanOrEqualTo(7);
    for (Dashboards.Query query : queries) {
      if (query.mayBeEmpty()) {
        assertThat(query.expr()).as(query.panel()).containsPattern(optional);
      }
    }
  }

  @Test
  void provisioningLoadsTheDashboardsAndAPrometheusDatasource() {
    JsonNode datasources =
        AlertRules.read(Dashboards.DIR.resolve("provisioning/datasources/prometheus.yml"));
    assertThat(datasources.path("datasources").get(0).path("type").asText())
        .isEqualTo("prometheus");
    JsonNode providers =
        AlertRules.read(Dashboards.DIR.resolve("provisioning/dashboards/sip-exporter.yml"));
    JsonNode provider = providers.path("providers").get(0);
    assertThat(provider.path("type").asText()).isEqualTo("file");
    assertThat(provider.path("options").path("path").asText()).isNotBlank();
  }

  @Test
  void variablesAreSubstitutedLongestNameFirst() {
    assertThat(
            Dashboards.substitute(
                "rate(x{code=~\"$code\"}[$__rate_interval]) $__range",
                Map.of("code", "437", "__rate_interval", "1m", "__range", "5m")))
        .isEqualTo("rate(x{code=~\"437\"}[1m]) 5m");
  }
}
