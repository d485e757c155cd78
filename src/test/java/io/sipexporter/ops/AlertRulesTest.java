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
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** The alert rules pass promtool, follow the monitoring-mixins conventions and are all tested. */
class AlertRulesTest {
  private static final Pattern ALERT_NAME = Pattern.compile("Sip[A-Z][A-Za-z0-9]+");
  private static final Pattern RECORD_NAME = Pattern.compile("[a-z_]+:[a-z_]+:[a-z0-9_]+");
  private static final Pattern DURATION = Pattern.compile("([0-9]+[smhd])+");
  private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

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
      int exit = promtool.awaitExit(Duration.ofSeconds(60));
      assertThat(exit).as("%s exit code\n%s", name, promtool.logText()).isZero();
    }
  }

  @Test
  void everyAlertFollowsTheConventions() {
    assertThat(rules.alerts()).hasSizeGreaterThan(20);
    SoftAssertions soft = new SoftAssertions();
    for (AlertRules.Alert alert : rules.alerts()) {
      String name = alert.name();
      soft.assertThat(name).as("alert name").matches(ALERT_NAME);
      soft.assertThat(alert.forDuration()).as("%s for:", name).isNotNull().matches(DURATION);
      soft.assertThat(alert.labels().get("severity")).as("%s severity", name).isIn(SEVERITIES);

      String summary = alert.annotations().getOrDefault("summary", "");
      soft.assertThat(summary)
          .as("%s summary", name)
          .isNotBlank()
          .endsWith(".")
          .doesNotContain("{{");
      String description = alert.annotations().getOrDefault("description", "");
      soft.assertThat(description)
          .as("%s description", name)
          .contains("{{ $labels.job }}")
          .endsWith(".");
      soft.assertThat(alert.annotations().get("fix"))
          .as("%s fix", name)
          .isNotBlank()
          .doesNotContain("{{")
          .doesNotContain("\n");

      String runbook = alert.annotations().getOrDefault("runbook_url", "");
      if (alert.code() != null) {
        soft.assertThat(alert.code()).as("%s code label", name).matches("[1-6][0-9][0-9]");
        soft.assertThat(alert.expr())
            .as("%s expr selects its code", name)
            .contains("code=\"" + alert.code() + "\"");
        soft.assertThat(description)
            .as("%s description", name)
            .contains(
                "{{ $labels.code }}", "{{ $labels.method }}", "{{ $value | humanizePercentage }}");
        soft.assertThat(runbook)
            .as("%s runbook_url", name)
            .isEqualTo(AlertRules.RUNBOOK_BASE + "docs/codes/" + alert.code() + ".md");
      } else {
        soft.assertThat(runbook)
            .as("%s runbook_url", name)
            .isEqualTo(
                AlertRules.RUNBOOK_BASE + "alerts/README.md#" + name.toLowerCase(Locale.ROOT));
      }
    }
    soft.assertAll();
  }

  @Test
  void everyAlertWithoutACodeHasARunbookSectionInTheReadme() throws IOException {
    String readme = Files.readString(AlertRules.DIR.resolve("README.md"));
    for (AlertRules.Alert alert : rules.alerts()) {
      if (alert.code() == null) {
        assertThat(readme)
            .as("alerts/README.md section for %s", alert.name())
            .containsPattern("(?m)^#+ " + alert.name() + "$");
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
    Pattern threshold = Pattern.compile("[<>] ([0-9.]+)$");
    for (String row : rows) {
      String[] cells = row.split("\\|");
      String name = cells[1].trim();
      AlertRules.Alert alert =
          rules.alerts().stream()
              .filter(a -> a.name().equals(name))
              .findFirst()
              .orElseThrow(() -> new AssertionError("README names unknown alert " + name));
      assertThat(cells[2].trim())
          .as("%s code", name)
          .isEqualTo(alert.code() == null ? "" : alert.code());
      assertThat(cells[4].trim()).as("%s for", name).isEqualTo(alert.forDuration());
      assertThat(cells[5].trim()).as("%s severity", name).isEqualTo(alert.labels().get("severity"));
      java.util.regex.Matcher m = threshold.matcher(cells[3].trim());
      if (m.find()) {
        assertThat(alert.expr()).as("%s threshold", name).contains(" " + m.group(1) + "\n");
      }
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
  void recordingRulesAreNamedLevelMetricOperations() {
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
    Set<String> names = new TreeSet<>();
    rules.alerts().forEach(a -> names.add(a.name()));
    assertThat(fires).as("alerts with a promtool case where they fire").containsAll(names);
    assertThat(quiet).as("alerts with a promtool case where they stay quiet").containsAll(names);
    assertThat(names)
        .as("promtool cases name only existing alerts")
        .containsAll(fires)
        .containsAll(quiet);
  }
}
