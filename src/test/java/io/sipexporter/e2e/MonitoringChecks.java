package io.sipexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sipexporter.catalog.Evidence;
import io.sipexporter.catalog.ResponseCodeCatalog;
import io.sipexporter.ops.AlertFix;
import io.sipexporter.ops.AlertRules;
import io.sipexporter.ops.Dashboards;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks shared by the ITs that run Prometheus and Alertmanager against an exporter. */
public final class MonitoringChecks {
  private MonitoringChecks() {}

  /** Every rule of {@code alerts/*.yml} is loaded and healthy in Prometheus. */
  public static void awaitRulesLoaded(Prometheus prometheus) {
    AlertRules rules = AlertRules.load();
    int expected = rules.alerts().size() + rules.recordings().size();
    Await.until(
        expected + " healthy rules loaded",
        Duration.ofSeconds(30),
        () -> {
          int healthy = 0;
          for (JsonNode group : prometheus.ruleGroups()) {
            for (JsonNode rule : group.path("rules")) {
              if ("ok".equals(rule.path("health").asText())) {
                healthy++;
              }
            }
          }
          return healthy == expected;
        },
        () -> prometheus.ruleGroups().toPrettyString());
  }

  /**
   * Every panel query of every dashboard returns at least one series with a finite value: for an
   * exporter that serves every metric of the contract (the synthetic one).
   */
  public static void awaitEveryPanelHasData(Prometheus prometheus, String instance) {
    awaitPanelsHaveData(prometheus, Dashboards.queries(variables(instance)));
  }

  /**
   * Every panel query of every dashboard is valid, and each returns a finite value unless its panel
   * says its series may rightly be absent ({@link Dashboards#MAY_BE_EMPTY}: metrics that depend on
   * the exporter's version or configuration); returns the titles of those that were empty.
   */
  public static List<String> awaitEveryPanelHasDataOrMayBeEmpty(
      Prometheus prometheus, String instance) {
    List<Dashboards.Query> queries = Dashboards.queries(variables(instance));
    awaitPanelsHaveData(prometheus, queries.stream().filter(q -> !q.mayBeEmpty()).toList());
    List<Dashboards.Query> optional =
        queries.stream().filter(Dashboards.Query::mayBeEmpty).toList();
    assertThat(optional).isNotEmpty();
    return emptyPanels(prometheus, optional); // each query ran without error
  }

  /** Every panel query under the dashboard row {@code rowTitle} returns a finite value. */
  public static void awaitRowPanelsHaveData(
      Prometheus prometheus, String instance, String rowTitle) {
    awaitPanelsHaveData(prometheus, Dashboards.rowQueries(rowTitle, variables(instance)));
  }

  /**
   * Every evidence query of the code catalogue (how to tell a received 408, 480, 500, 503 or 504
   * from one generated on the way) is valid PromQL, and the metric it reads has series.
   */
  public static void assertEvidenceQueriesRun(Prometheus prometheus) {
    List<Evidence> evidence =
        ResponseCodeCatalog.load().registered().stream()
            .flatMap(c -> c.inPractice().origin().stream())
            .flatMap(o -> o.evidence().stream())
            .toList();
    assertThat(evidence).hasSizeGreaterThanOrEqualTo(5);
    for (Evidence e : evidence) {
      prometheus.query(e.query()); // fails on a query error
      String name = e.metric().prometheusName();
      assertThat(prometheus.query("count({__name__=~\"" + name + "(_bucket)?\"})"))
          .as(name)
          .isNotEmpty();
    }
  }

  /**
   * The dashboard variables as Grafana substitutes them for {@code instance}, with All for node,
   * peer and direction (the dashboards' own allValue), and {@code overrides} on top (e.g. {@code
   * peer=carrier-a}).
   */
  public static Map<String, String> variables(String instance, Map<String, String> overrides) {
    Map<String, String> variables = new HashMap<>();
    variables.put("job", Prometheus.JOB);
    variables.put("instance", instance);
    variables.put("node", ".*"); // Grafana's All: the exporter under test runs without --hep.nodes
    // Grafana's All, read from the dashboard: the exporters under test mostly run without
    // --peers.file, so All must match series without the labels
    variables.put("peer", Dashboards.allValue("peer"));
    variables.put("direction", Dashboards.allValue("direction"));
    variables.put("code", "437");
    variables.put("__rate_interval", "1m");
    variables.put("__range", "5m");
    variables.put("datasource", "prometheus");
    variables.putAll(overrides);
    return variables;
  }

  private static Map<String, String> variables(String instance) {
    return variables(instance, Map.of());
  }

  /** Every panel query, with {@code variables}, returns a finite value (waits up to 60 s). */
  public static void awaitPanelsHaveData(Prometheus prometheus, Map<String, String> variables) {
    awaitPanelsHaveData(prometheus, Dashboards.queries(variables));
  }

  private static void awaitPanelsHaveData(Prometheus prometheus, List<Dashboards.Query> queries) {
    assertThat(queries).isNotEmpty();
    Await.until(
        "every dashboard panel query returning data",
        Duration.ofSeconds(60),
        () -> emptyPanels(prometheus, queries).isEmpty(),
        () -> "panels without data: " + emptyPanels(prometheus, queries));
  }

  private static List<String> emptyPanels(Prometheus prometheus, List<Dashboards.Query> queries) {
    List<String> empty = new ArrayList<>();
    for (Dashboards.Query q : queries) {
      boolean finite = false;
      for (JsonNode series : prometheus.query(q.expr())) {
        String value = series.path("value").get(1).asText();
        finite |= !value.equals("NaN") && !value.contains("Inf");
      }
      if (!finite) {
        empty.add(q.panel() + " " + q.refId() + ": " + q.expr());
      }
    }
    return empty;
  }

  /**
   * Waits until Alertmanager holds {@code alertname} with every label of {@code labels} ({@code
   * ""}: the alert has no such label), its description ending with the catalogue's fix for the
   * alert's side ({@link AlertFix#rendered}); returns the alert.
   */
  public static JsonNode awaitAlertWithLabels(
      Alertmanager alertmanager, String alertname, Map<String, String> labels) {
    AlertRules.Alert rule = AlertRules.load().alert(alertname);
    Await.until(
        alertname + " " + labels + " active in alertmanager",
        Duration.ofSeconds(90),
        () -> withLabels(alertmanager.alerts(alertname), labels) != null,
        () -> alertmanager.alerts(alertname).toString());
    JsonNode alert = withLabels(alertmanager.alerts(alertname), labels);
    String fix =
        AlertFix.rendered(
            ResponseCodeCatalog.load().lookup(Integer.parseInt(rule.code())),
            alert.path("labels").path("direction").asText());
    assertThat(alert.path("annotations").path("description").asText())
        .endsWith(AlertRules.FIX_MARK + fix);
    return alert;
  }

  private static JsonNode withLabels(List<JsonNode> alerts, Map<String, String> labels) {
    for (JsonNode alert : alerts) {
      boolean all = true;
      for (Map.Entry<String, String> l : labels.entrySet()) {
        all &= l.getValue().equals(alert.path("labels").path(l.getKey()).asText());
      }
      if (all) {
        return alert;
      }
    }
    return null;
  }

  /**
   * Waits until Alertmanager holds {@code alertname} for the exporter at {@code instance}, its
   * description ending with the production rule's fix (for a code alert the catalogue's, for the
   * alert's {@code direction} when it has one: {@link AlertFix}) and its runbook link on that
   * exporter; returns the alert.
   */
  public static JsonNode awaitAlertInAlertmanager(
      Alertmanager alertmanager, String alertname, String instance) {
    AlertRules.Alert rule = AlertRules.load().alert(alertname);
    Await.until(
        alertname + " active in alertmanager",
        Duration.ofSeconds(90),
        () -> !alertmanager.alerts(alertname).isEmpty(),
        alertmanager::logTail);
    JsonNode alert = alertmanager.alerts(alertname).get(0);
    assertThat(alert.path("labels").path("instance").asText()).isEqualTo(instance);
    String fix =
        rule.code() == null
            ? rule.fix()
            : AlertFix.rendered(
                ResponseCodeCatalog.load().lookup(Integer.parseInt(rule.code())),
                alert.path("labels").path("direction").asText());
    assertThat(alert.path("annotations").path("description").asText())
        .contains(instance)
        .endsWith(AlertRules.FIX_MARK + fix);
    assertThat(alert.path("annotations").path("runbook_url").asText())
        .isEqualTo(
            rule.annotations().get("runbook_url").replace("{{ $labels.instance }}", instance));
    assertThat(alert.path("labels").path("severity").asText())
        .isEqualTo(rule.labels().get("severity"));
    return alert;
  }
}
