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
import java.util.stream.Stream;

/**
 * The Prometheus rule files under {@code alerts/}, read as data so tests can check conventions and
 * cross-check them against other sources (promtool tests, the response-code catalogue).
 *
 * <pre>{@code
 * Map<String, String> fixes = AlertRules.load().codeFixes(); // "437" -> how to fix
 * }</pre>
 */
public final class AlertRules {
  /** Where the rule files live, relative to the project root. */
  public static final Path DIR = Path.of("alerts");

  /**
   * The one base URL of every runbook link: code alerts link to {@code docs/codes/<code>.md}, the
   * others to their section of {@code alerts/README.md}.
   */
  public static final String RUNBOOK_BASE =
      "https://github.com/sip-exporter/sip-exporter/blob/main/";

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
  }

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

  /**
   * The {@code fix} annotation of every code alert, by code: what the catalogue must agree with.
   */
  public Map<String, String> codeFixes() {
    Map<String, String> fixes = new TreeMap<>();
    for (Alert alert : alerts) {
      if (alert.code() != null) {
        fixes.put(alert.code(), alert.annotations().get("fix"));
      }
    }
    return fixes;
  }
}
