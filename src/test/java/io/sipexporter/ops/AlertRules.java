package io.sipexporter.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Prometheus rule files under {@code alerts/}, read as data so tests can check conventions and
 * cross-check them against other sources (promtool tests, the response-code catalogue, the
 * dashboards).
 *
 * <pre>{@code
 * Map<String, String> fixes = AlertRules.load().codeFixes(); // "437" -> how to fix
 * }</pre>
 */
public final class AlertRules {
  /** Where the rule files live, relative to the project root. */
  public static final Path DIR = Path.of("alerts");

  /**
   * The one base of every runbook link (a setting, alerts/README.md "Settings"): the exporter that
   * raised the alert. Code alerts link to {@code /codes/<code>}, the others to {@code
   * /alerts#<name>}.
   */
  public static final String RUNBOOK_BASE = "http://{{ $labels.instance }}";

  /** The one job selector of the rules (a setting, alerts/README.md "Settings"). */
  public static final String JOB_SELECTOR = "up{job=\"sip-exporter\"}";

  /** What starts the fix in every alert's description. */
  public static final String FIX_MARK = "How to fix: ";

  private static final Pattern COMPARISON =
      Pattern.compile("\\s(<|>|==) ([0-9.]+)\\n", Pattern.MULTILINE);

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One alerting rule. */
  public record Alert(
      String file,
      String group,
      String name,
      String expr,
      String forDuration,
      Map<String, String> labels,
      Map<String, String> annotations) {

    /** The response code this alert is about ({@code code} label), or null for other alerts. */
    public String code() {
      return labels.get("code");
    }

    /** What to do: the end of the description, after {@link #FIX_MARK}; null without one. */
    public String fix() {
      String description = annotations.getOrDefault("description", "");
      int at = description.indexOf(FIX_MARK);
      return at < 0 ? null : description.substring(at + FIX_MARK.length());
    }

    /** The expression's first comparison with a number: its threshold. */
    public Threshold threshold() {
      Matcher m = COMPARISON.matcher(expr);
      if (!m.find()) {
        throw new AssertionError(name + ": no threshold in " + expr);
      }
      return new Threshold(m.group(1), Double.parseDouble(m.group(2)));
    }
  }

  /** An alert's threshold: it fires when the value is {@code operator} {@code value}. */
  public record Threshold(String operator, double value) {}

  /** One recording rule. */
  public record Recording(String file, String group, String name, String expr) {}

  private final List<Alert> alerts;
  private final List<Recording> recordings;

  private AlertRules(List<Alert> alerts, List<Recording> recordings) {
    this.alerts = alerts;
    this.recordings = recordings;
  }

  /** The rule files: every {@code alerts/*.yml}. */
  public static List<Path> files() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The promtool unit-test files: every {@code alerts/tests/*.yml}. */
  public static List<Path> testFiles() {
    try (Stream<Path> files = Files.list(DIR.resolve("tests"))) {
      return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads every rule file. */
  public static AlertRules load() {
    List<Alert> alerts = new ArrayList<>();
    List<Recording> recordings = new ArrayList<>();
    for (Path file : files()) {
      for (JsonNode group : read(file).path("groups")) {
        String groupName = group.path("name").asText();
        for (JsonNode rule : group.path("rules")) {
          if (rule.has("alert")) {
            alerts.add(
                new Alert(
                    file.toString(),
                    groupName,
                    rule.path("alert").asText(),
                    rule.path("expr").asText(),
                    rule.hasNonNull("for") ? rule.path("for").asText() : null,
                    strings(rule.path("labels")),
                    strings(rule.path("annotations"))));
          } else {
            recordings.add(
                new Recording(
                    file.toString(),
                    groupName,
                    rule.path("record").asText(),
                    rule.path("expr").asText()));
          }
        }
      }
    }
    return new AlertRules(List.copyOf(alerts), List.copyOf(recordings));
  }

  static JsonNode read(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  public List<Alert> alerts() {
    return alerts;
  }

  public List<Recording> recordings() {
    return recordings;
  }

  /** The alert named {@code name}; fails when there is none. */
  public Alert alert(String name) {
    return alerts.stream()
        .filter(a -> a.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no alert rule " + name));
  }

  /** The fix of every code alert, by code: what the catalogue must agree with. */
  public Map<String, String> codeFixes() {
    Map<String, String> fixes = new TreeMap<>();
    for (Alert alert : alerts) {
      if (alert.code() != null) {
        fixes.put(alert.code(), alert.fix());
      }
    }
    return fixes;
  }
}
