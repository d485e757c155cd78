package io.sipexporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * What the dashboards show agrees with what pages: a stat that names an alert turns its colour at
 * exactly that alert's threshold and reads the alert's recording rules; a stat that names none has
 * no threshold of its own; every panel keyed by a response code links to the exporter's page on
 * that code; tables show labels and values, not Grafana's raw Time and Value columns.
 */
class DashboardThresholdsTest {
  private static final Pattern ALERT = Pattern.compile("\\bSip[A-Z][A-Za-z]+\\b");
  private static final Pattern METRIC =
      Pattern.compile("\\b(up|sip_[a-z0-9_]+|[a-z_]+:[a-z0-9_]+:[a-z0-9_]+)\\b(?![(\"])");
  private static final Map<String, String> COLOURS =
      Map.of("critical", "red", "warning", "orange", "info", "blue");

  private final AlertRules rules = AlertRules.load();

  @Test
  void everyStatThatNamesAnAlertTurnsAtItsThresholdAndReadsItsRules() {
    SoftAssertions soft = new SoftAssertions();
    Set<String> shown = new TreeSet<>();
    for (JsonNode panel : panels()) {
      if (!"stat".equals(panel.path("type").asText())) {
        continue;
      }
      String title = panel.path("title").asText();
      JsonNode steps = panel.path("fieldConfig").path("defaults").path("thresholds").path("steps");
      List<String> named = alertsNamedIn(panel.path("description").asText());
      soft.assertThat(named).as("%s names at most one alert", title).hasSizeLessThanOrEqualTo(1);
      if (named.isEmpty()) {
        soft.assertThat(steps.size()).as("%s: no alert, no threshold", title).isEqualTo(1);
        continue;
      }
      AlertRules.Alert alert = rules.alert(named.get(0));
      shown.add(alert.name());
      AlertRules.Threshold threshold = alert.threshold();
      String colour = COLOURS.get(alert.labels().get("severity"));
      String[] expected =
          switch (threshold.operator()) {
            case ">" -> new String[] {"green", null, colour, number(threshold.value())};
            case "<" -> new String[] {colour, null, "green", number(threshold.value())};
            default -> new String[] {colour, null, "green", number(threshold.value() + 1)};
          };
      soft.assertThat(steps.size()).as("%s steps", title).isEqualTo(2);
      soft.assertThat(
              new String[] {
                steps.path(0).path("color").asText(),
                steps.path(0).path("value").isNull() ? null : "not null",
                steps.path(1).path("color").asText(),
                number(steps.path(1).path("value").asDouble())
              })
          .as("%s thresholds against %s %s", title, alert.name(), threshold)
          .containsExactly(expected);
      soft.assertThat(metrics(expr(panel)))
          .as("%s reads what %s reads", title, alert.name())
          .containsAnyElementsOf(sources(alert));
    }
    soft.assertThat(shown)
        .as("alerts with a stat")
        .contains(
            "SipInviteAnswerRatioLow",
            "SipNetworkEffectivenessRatioLow",
            "SipServerErrorRatioHigh",
            "SipClientErrorRatioHigh",
            "SipGlobalFailureRatioHigh",
            "SipExporterDown",
            "SipExporterUdpReceiveDrops",
            "SipExporterParseErrorsHigh");
    soft.assertAll();
  }

  @Test
  void everyRecordingRuleADashboardReadsExists() {
    Set<String> recorded = new TreeSet<>();
    rules.recordings().forEach(r -> recorded.add(r.name()));
    for (JsonNode panel : panels()) {
      for (String metric : metrics(expr(panel))) {
        if (metric.contains(":")) {
          assertThat(recorded).as(panel.path("title").asText()).contains(metric);
        }
      }
    }
  }

  @Test
  void everyPanelKeyedByCodeLinksToTheExportersPageOnThatCode() {
    SoftAssertions soft = new SoftAssertions();
    int keyed = 0;
    for (JsonNode panel : panels()) {
      String expr = expr(panel);
      if (!expr.matches("(?s).*\\bby \\([^)]*\\bcode\\b.*")
          && !expr.startsWith("instance_node_method_code:")) {
        continue;
      }
      if (expr.contains("code=~\"401|407\"")) {
        continue; // challenges per outcome: two fixed codes, named in the description
      }
      keyed++;
      String title = panel.path("title").asText();
      List<String> urls = new ArrayList<>();
      panel.path("fieldConfig").path("defaults").path("links").forEach(l -> urls.add(url(l)));
      for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
        for (JsonNode property : override.path("properties")) {
          if ("links".equals(property.path("id").asText())) {
            property.path("value").forEach(l -> urls.add(url(l)));
          }
        }
      }
      soft.assertThat(urls)
          .as("%s links its codes", title)
          .containsAnyOf(
              "${scheme}://${__field.labels.instance}/codes/${__field.labels.code}",
              "${scheme}://${__data.fields.instance}/codes/${__value.raw}");
      soft.assertThat(expr).as("%s keeps instance for the link", title).contains("instance");
    }
    soft.assertThat(keyed).as("panels keyed by code").isGreaterThanOrEqualTo(5);
    soft.assertAll();
  }

  @Test
  void tablesHideGrafanasRawTimeAndValueColumns() {
    SoftAssertions soft = new SoftAssertions();
    for (JsonNode panel : panels()) {
      if (!"table".equals(panel.path("type").asText())) {
        continue;
      }
      String title = panel.path("title").asText();
      JsonNode organize = null;
      for (JsonNode t : panel.path("transformations")) {
        if ("organize".equals(t.path("id").asText())) {
          organize = t.path("options");
        }
      }
      soft.assertThat(organize).as("%s organize transformation", title).isNotNull();
      if (organize == null) {
        continue;
      }
      soft.assertThat(organize.path("excludeByName").path("Time").asBoolean())
          .as("%s hides Time", title)
          .isTrue();
      // one query: Value; several merged: Value #<refId> each
      List<String> values = new ArrayList<>();
      if (panel.path("targets").size() == 1) {
        values.add("Value");
      } else {
        panel.path("targets").forEach(t -> values.add("Value #" + t.path("refId").asText()));
      }
      for (String value : values) {
        soft.assertThat(
                organize.path("excludeByName").path(value).asBoolean()
                    || !organize.path("renameByName").path(value).asText().isEmpty())
            .as("%s hides or names %s", title, value)
            .isTrue();
      }
      for (JsonNode target : panel.path("targets")) {
        soft.assertThat(target.path("format").asText()).as("%s format", title).isEqualTo("table");
        soft.assertThat(target.path("instant").asBoolean()).as("%s instant", title).isTrue();
      }
    }
    soft.assertAll();
  }

  private List<String> alertsNamedIn(String text) {
    Set<String> alerts = new TreeSet<>();
    rules.alerts().forEach(a -> alerts.add(a.name()));
    List<String> named = new ArrayList<>();
    Matcher m = ALERT.matcher(text);
    while (m.find()) {
      if (alerts.contains(m.group()) && !named.contains(m.group())) {
        named.add(m.group());
      }
    }
    return named;
  }

  /** The metrics an alert reads, and those its recording rules read in turn. */
  private Set<String> sources(AlertRules.Alert alert) {
    Set<String> sources = new TreeSet<>(metrics(alert.expr()));
    for (AlertRules.Recording r : rules.recordings()) {
      if (sources.contains(r.name())) {
        sources.addAll(metrics(r.expr()));
      }
    }
    return sources;
  }

  private static Set<String> metrics(String expr) {
    Set<String> metrics = new TreeSet<>();
    Matcher m = METRIC.matcher(expr);
    while (m.find()) {
      metrics.add(m.group(1));
    }
    return metrics;
  }

  private static String expr(JsonNode panel) {
    List<String> exprs = new ArrayList<>();
    panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
    return String.join("\n", exprs);
  }

  private static String url(JsonNode link) {
    return link.path("url").asText();
  }

  private static String number(double value) {
    return Double.toString(value);
  }

  private static List<JsonNode> panels() {
    List<JsonNode> panels = new ArrayList<>();
    for (Path file : Dashboards.files()) {
      panels.addAll(Dashboards.panels(Dashboards.read(file)));
    }
    return panels;
  }
}
