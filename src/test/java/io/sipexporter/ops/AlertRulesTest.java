package io.sipexporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sipexporter.e2e.RunningProcess;
import io.sipexporter.e2e.TestDirs;
import io.sipexporter.e2e.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The alert rules pass promtool, follow the monitoring-mixins conventions, name the exporter that
 * saw the failure, select the scrape job in one place only, and are all tested.
 */
class AlertRulesTest {
  private static final Pattern ALERT_NAME = Pattern.compile("Sip[A-Z][A-Za-z0-9]+");
  private static final Pattern RECORD_NAME = Pattern.compile("instance[a-z_]*:[a-z_]+:[a-z0-9_]+");
  private static final Pattern DURATION = Pattern.compile("([0-9]+[smhd])+");
  private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
  private static final Pattern AGGREGATION =
      Pattern.compile(
          "\\b(sum|min|max|avg|count|group|stddev|stdvar|topk|bottomk|quantile|count_values)"
              + "\\s*(by|without)?\\s*\\(");
  private static final Pattern LABEL_LIST = Pattern.compile("\\b(by|on|ignoring)\\s*\\(([^)]*)\\)");
  private static final Pattern JOB_MATCHER = Pattern.compile("\\bjob\\s*(=|!=|=~|!~)");

  private final AlertRules rules = AlertRules.load();

  @Test
  void promtoolChecksEveryRuleFile() {
    List<String> command = new ArrayList<>(List.of(Tool.PROMTOOL.path(), "check", "rules"));
    AlertRules.files().forEach(f -> command.add(f.toAbsolutePath().toString()));
    assertPromtool("promtool-check-rules", command);
  }

  @Test
  void promtoolUnitTestsPass() {
    List<String> command = new ArrayList<>(List.of(Tool.PROMTOOL.path(), "test", "rules"));
    AlertRules.testFiles().forEach(f -> command.add(f.toAbsolutePath().toString()));
    assertPromtool("promtool-test-rules", command);
  }

  private static void assertPromtool(String name, List<String> command) {
    Path dir = TestDirs.fresh("AlertRulesTest-" + name);
    try (RunningProcess promtool = RunningProcess.start(name, command, dir)) {
      int exit = promtool.awaitExit(Duration.ofMinutes(5));
      assertThat(exit).as("%s exit code\n%s", name, promtool.logText()).isZero();
    }
  }

  @Test
  void everyAlertFollowsTheConventions() {
    assertThat(rules.alerts()).hasSizeGreaterThan(30);
    SoftAssertions soft = new SoftAssertions();
    for (AlertRules.Alert alert : rules.alerts()) {
      String name = alert.name();
      soft.assertThat(name).as("alert name").matches(ALERT_NAME);
      soft.assertThat(alert.forDuration()).as("%s for:", name).isNotNull().matches(DURATION);
      soft.assertThat(alert.labels().get("severity")).as("%s severity", name).isIn(SEVERITIES);
      soft.assertThat(alert.annotations())
          .as("%s annotations", name)
          .containsOnlyKeys("summary", "description", "runbook_url");

      String summary = alert.annotations().getOrDefault("summary", "");
      soft.assertThat(summary)
          .as("%s summary", name)
          .isNotBlank()
          .endsWith(".")
          .doesNotContain("{{");
      String description = alert.annotations().getOrDefault("description", "");
      soft.assertThat(description)
          .as("%s description names the exporter", name)
          .contains("{{ $labels.instance }}")
          .contains(AlertRules.FIX_MARK);
      // a fix chosen by side ends each branch with a period, then the template's {{ end }}
      soft.assertThat(description.replaceAll("\\{\\{ end }}$", ""))
          .as("%s description ends a sentence", name)
          .endsWith(".");
      soft.assertThat(alert.fix())
          .as("%s fix, the end of the description", name)
          .isNotBlank()
          .doesNotContain("\n");
      if (alert.code() == null) {
        // code alerts may choose the side (AlertFix); the others' fix is their runbook's text
        soft.assertThat(alert.fix()).as("%s fix", name).doesNotContain("{{");
      }

      String runbook = alert.annotations().getOrDefault("runbook_url", "");
      if (alert.code() != null) {
        soft.assertThat(alert.code()).as("%s code label", name).matches("[1-6][0-9][0-9]");
        soft.assertThat(alert.expr())
            .as("%s expr selects its code", name)
            .contains("code=\"" + alert.code() + "\"");
        soft.assertThat(description)
            .as("%s description", name)
            .contains("{{ $labels.code }}", "{{ $labels.method }}")
            .containsPattern("\\{\\{ \\$value \\| humanize(Percentage)? }}")
            .contains("{{ with $labels.node }}", "{{ with $labels.peer }}");
        soft.assertThat(runbook)
            .as("%s runbook_url", name)
            .isEqualTo(AlertRules.RUNBOOK_BASE + "/codes/" + alert.code());
      } else {
        soft.assertThat(runbook)
            .as("%s runbook_url", name)
            .isEqualTo(AlertRules.RUNBOOK_BASE + "/alerts#" + name.toLowerCase(Locale.ROOT));
      }
    }
    soft.assertAll();
  }

  /**
   * Every aggregation and every vector match keeps {@code job} and {@code instance}, and on the
   * response metrics {@code node}, {@code peer} and {@code direction} (and the per-peer transaction
   * rules {@code peer} and {@code direction}): an alert always says which exporter (and capture
   * agent, peer and side) saw the failure, and one busy exporter or peer never dilutes another's
   * failures.
   */
  @Test
  void everyAggregationKeepsInstance() {
    SoftAssertions soft = new SoftAssertions();
    int lists = 0;
    for (String[] rule : exprs()) {
      String name = rule[0];
      String expr = rule[1];
      boolean responses = expr.contains("sip_responses_total") || expr.contains("instance_node_");
      boolean perPeer = responses || name.startsWith("instance_peer_direction:");
      Matcher aggregation = AGGREGATION.matcher(expr);
      while (aggregation.find()) {
        soft.assertThat(aggregation.group(2))
            .as("%s: %s... aggregates with by (...)", name, aggregation.group())
            .isEqualTo("by");
      }
      Matcher list = LABEL_LIST.matcher(expr);
      while (list.find()) {
        lists++;
        List<String> labels = Stream.of(list.group(2).split(",")).map(String::trim).toList();
        if (list.group(1).equals("ignoring")) {
          soft.assertThat(labels)
              .as("%s: %s", name, list.group())
              .doesNotContain("job", "instance", "node", "peer", "direction");
        } else {
          soft.assertThat(labels).as("%s: %s", name, list.group()).contains("job", "instance");
          if (responses) {
            soft.assertThat(labels).as("%s: %s", name, list.group()).contains("node");
          }
          if (perPeer) {
            soft.assertThat(labels).as("%s: %s", name, list.group()).contains("peer", "direction");
          }
        }
      }
    }
    soft.assertThat(lists).as("by/on lists checked").isGreaterThan(50);
    soft.assertAll();
  }

  /**
   * The scrape job is one setting: {@link AlertRules#JOB_SELECTOR}, in SipExporterDown and nowhere
   * else (alerts/README.md, "Settings").
   */
  @Test
  void theJobIsSelectedInOnePlaceOnly() {
    List<String> selecting = new ArrayList<>();
    for (String[] rule : exprs()) {
      if (JOB_MATCHER.matcher(rule[1]).find()) {
        selecting.add(rule[0]);
        assertThat(rule[1]).as(rule[0]).contains(AlertRules.JOB_SELECTOR);
        assertThat(rule[1].split(Pattern.quote("job"), -1)).as(rule[0]).hasSize(2);
      }
    }
    assertThat(selecting).containsExactly("SipExporterDown");
  }

  @Test
  void everyAlertWithoutACodeHasARunbookSectionInTheReadmeWithItsFix() throws IOException {
    String readme = Files.readString(AlertRules.DIR.resolve("README.md"));
    for (AlertRules.Alert alert : rules.alerts()) {
      if (alert.code() == null) {
        Matcher section =
            Pattern.compile("(?ms)^### " + alert.name() + "$(.*?)(?=^#|\\z)").matcher(readme);
        assertThat(section.find()).as("alerts/README.md section for %s", alert.name()).isTrue();
        assertThat(section.group(1))
            .as("the runbook of %s ends with the fix its description carries", alert.name())
            .contains("\n" + AlertRules.FIX_MARK + alert.fix() + "\n");
      }
    }
  }

  @Test
  void theReadmeTableAgreesWithTheRules() throws IOException {
    List<String> rows =
        Files.readAllLines(AlertRules.DIR.resolve("README.md")).stream()
            .filter(l -> l.startsWith("| Sip"))
            .toList();
    assertThat(rows).hasSameSizeAs(rules.alerts());
    Pattern threshold = Pattern.compile("([<>]|==) `?([0-9.]+)`?$");
    for (String row : rows) {
      String[] cells = row.split("\\|");
      String name = cells[1].trim();
      AlertRules.Alert alert = rules.alert(name);
      assertThat(cells[2].trim())
          .as("%s code", name)
          .isEqualTo(alert.code() == null ? "" : alert.code());
      assertThat(cells[4].trim()).as("%s for", name).isEqualTo(alert.forDuration());
      assertThat(cells[5].trim()).as("%s severity", name).isEqualTo(alert.labels().get("severity"));
      Matcher m = threshold.matcher(cells[3].trim());
      assertThat(m.find()).as("%s: threshold in %s", name, cells[3]).isTrue();
      assertThat(alert.threshold())
          .as("%s threshold", name)
          .isEqualTo(new AlertRules.Threshold(m.group(1), Double.parseDouble(m.group(2))));
    }
  }

  @Test
  void codeAlertsHaveOneAlertPerCode() {
    List<String> codes =
        rules.alerts().stream().map(AlertRules.Alert::code).filter(c -> c != null).toList();
    assertThat(codes)
        .doesNotHaveDuplicates()
        .contains(
            "401", "407", "403", "428", "436", "437", "438", "408", "504", "480", "486", "600",
            "488", "606", "503", "513", "603", "607", "608");
    assertThat(rules.codeFixes()).hasSameSizeAs(codes);
  }

  @Test
  void recordingRulesAreNamedLevelMetricOperationsWithInstanceInTheLevel() {
    assertThat(rules.recordings()).isNotEmpty();
    assertThat(rules.recordings())
        .allSatisfy(r -> assertThat(r.name()).as("recording rule name").matches(RECORD_NAME));
  }

  @Test
  void everyAlertHasAFiringAndAQuietPromtoolCase() {
    Set<String> fires = new HashSet<>();
    Set<String> quiet = new HashSet<>();
    for (Path file : AlertRules.testFiles()) {
      for (JsonNode test : AlertRules.read(file).path("tests")) {
        for (JsonNode alertTest : test.path("alert_rule_test")) {
          String name = alertTest.path("alertname").asText();
          JsonNode expected = alertTest.path("exp_alerts");
          (expected.isArray() && expected.size() > 0 ? fires : quiet).add(name);
        }
      }
    }
    Set<String> names = names();
    assertThat(fires).as("alerts with a promtool case where they fire").containsAll(names);
    assertThat(quiet).as("alerts with a promtool case where they stay quiet").containsAll(names);
    assertThat(names)
        .as("promtool cases name only existing alerts")
        .containsAll(fires)
        .containsAll(quiet);
  }

  /**
   * Each whole scenario (a healthy authenticated day, a silent exporter, one exporter failing at a
   * tenth of the other's volume) checks every alert, so a new alert must say what it does in each.
   */
  @Test
  void everyScenarioChecksEveryAlert() {
    JsonNode scenarios = AlertRules.read(AlertRules.DIR.resolve("tests/scenarios.test.yml"));
    Set<String> prefixes = new TreeSet<>();
    for (JsonNode test : scenarios.path("tests")) {
      String name = test.path("name").asText();
      String prefix = name.substring(0, name.indexOf(')') + 1);
      Set<String> checked = new TreeSet<>();
      Set<String> firing = new TreeSet<>();
      for (JsonNode alertTest : test.path("alert_rule_test")) {
        checked.add(alertTest.path("alertname").asText());
        if (alertTest.path("exp_alerts").size() > 0) {
          firing.add(alertTest.path("alertname").asText());
        }
      }
      if (!prefixes.add(prefix)) {
        continue; // a variant of a scenario already checked in full
      }
      assertThat(checked).as("%s checks every alert", name).isEqualTo(names());
      if (prefix.equals("(a)")) {
        assertThat(firing).as("%s: nothing fires on a healthy day", name).isEmpty();
      }
    }
    assertThat(prefixes).containsExactly("(a)", "(b)", "(c)");
  }

  /** No link anywhere in the ops files points at a repository address that does not exist. */
  @Test
  void noRunbookPointsAtAMadeUpRepository() throws IOException {
    String madeUp = "github.com/" + "sip-exporter/";
    List<Path> files = new ArrayList<>(AlertRules.files());
    files.addAll(AlertRules.testFiles());
    files.add(AlertRules.DIR.resolve("README.md"));
    files.addAll(Dashboards.files());
    files.add(Dashboards.DIR.resolve("README.md"));
    try (Stream<Path> am = Files.list(AlertRules.DIR.resolve("alertmanager"))) {
      am.forEach(files::add);
    }
    files.add(Path.of("README.md"));
    for (Path file : files) {
      assertThat(Files.readString(file)).as(file.toString()).doesNotContain(madeUp);
    }
  }

  private Set<String> names() {
    Set<String> names = new TreeSet<>();
    rules.alerts().forEach(a -> names.add(a.name()));
    return names;
  }

  /** {name, expr} of every rule, recording and alerting. */
  private List<String[]> exprs() {
    List<String[]> exprs = new ArrayList<>();
    rules.recordings().forEach(r -> exprs.add(new String[] {r.name(), r.expr()}));
    rules.alerts().forEach(a -> exprs.add(new String[] {a.name(), a.expr()}));
    return exprs;
  }
}
