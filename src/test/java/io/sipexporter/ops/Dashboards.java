package io.sipexporter.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Grafana dashboards under {@code dashboards/}, read as data: their panels and the PromQL each
 * panel runs, with Grafana's variables substituted so Prometheus can evaluate them.
 *
 * <pre>{@code
 * for (Dashboards.Query q : Dashboards.queries(Map.of("job", "sip-exporter", ...))) { ... }
 * }</pre>
 */
public final class Dashboards {
  /** Where the dashboards live, relative to the project root. */
  public static final Path DIR = Path.of("dashboards");

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What a panel's description says when its series may rightly be absent (a metric that depends on
   * the exporter's version or configuration), followed by when.
   */
  public static final String MAY_BE_EMPTY = "Empty when the exporter serves no such series: ";

  /**
   * One query of one panel; {@code mayBeEmpty} when the panel's description says its series may
   * rightly be absent ({@link #MAY_BE_EMPTY}).
   */
  public record Query(
      String dashboard, String panel, String refId, String expr, boolean mayBeEmpty) {}

  private Dashboards() {}

  /** Every {@code dashboards/*.json}. */
  public static List<Path> files() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }

  /** Every panel of a dashboard that is not a row, rows' nested panels included. */
  public static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      if ("row".equals(panel.path("type").asText())) {
        panel.path("panels").forEach(panels::add);
      } else {
        panels.add(panel);
      }
    }
    return panels;
  }

  /**
   * The template variable {@code name} of the dashboard in {@code file}; fails when it has none.
   */
  public static JsonNode variable(Path file, String name) {
    for (JsonNode v : read(file).path("templating").path("list")) {
      if (name.equals(v.path("name").asText())) {
        return v;
      }
    }
    throw new AssertionError(file + " has no variable " + name);
  }

  /**
   * What Grafana substitutes for the variable {@code name} when All is selected: its {@code
   * allValue}, the same in every dashboard (DashboardsTest); fails when a dashboard has none.
   */
  public static String allValue(String name) {
    String value = null;
    for (Path file : files()) {
      String all = variable(file, name).path("allValue").asText();
      if (all.isEmpty() || (value != null && !value.equals(all))) {
        throw new AssertionError(file + ": variable " + name + " has allValue '" + all + "'");
      }
      value = all;
    }
    return value;
  }

  /**
   * Every panel query of every dashboard, with {@code $name} / {@code ${name}} replaced by {@code
   * variables} (add {@code __rate_interval} and {@code __range}, e.g. {@code "1m"}).
   */
  public static List<Query> queries(Map<String, String> variables) {
    List<Query> queries = new ArrayList<>();
    for (Path file : files()) {
      JsonNode dashboard = read(file);
      for (JsonNode panel : panels(dashboard)) {
        for (JsonNode target : panel.path("targets")) {
          queries.add(query(dashboard, panel, target, variables));
        }
      }
    }
    return queries;
  }

  /**
   * The queries of the panels under the row titled {@code rowTitle} in every dashboard: the panels
   * that follow it up to the next row, or nested in it when it is collapsed.
   */
  public static List<Query> rowQueries(String rowTitle, Map<String, String> variables) {
    List<Query> queries = new ArrayList<>();
    for (Path file : files()) {
      JsonNode dashboard = read(file);
      boolean inRow = false;
      for (JsonNode panel : dashboard.path("panels")) {
        boolean row = "row".equals(panel.path("type").asText());
        if (row) {
          inRow = rowTitle.equals(panel.path("title").asText());
        }
        List<JsonNode> members = new ArrayList<>();
        if (row && inRow) {
          panel.path("panels").forEach(members::add);
        } else if (!row && inRow) {
          members.add(panel);
        }
        for (JsonNode member : members) {
          for (JsonNode target : member.path("targets")) {
            queries.add(query(dashboard, member, target, variables));
          }
        }
      }
    }
    return queries;
  }

  private static Query query(
      JsonNode dashboard, JsonNode panel, JsonNode target, Map<String, String> variables) {
    return new Query(
        dashboard.path("uid").asText(),
        panel.path("title").asText(),
        target.path("refId").asText(),
        substitute(target.path("expr").asText(), variables),
        panel.path("description").asText().contains(MAY_BE_EMPTY));
  }

  public static String substitute(String expr, Map<String, String> variables) {
    // longest names first: $__range must not be hit by a variable named __rang
    Map<String, String> ordered = new LinkedHashMap<>();
    variables.keySet().stream()
        .sorted((a, b) -> b.length() - a.length())
        .forEach(k -> ordered.put(k, variables.get(k)));
    String result = expr;
    for (Map.Entry<String, String> v : ordered.entrySet()) {
      result =
          result
              .replace("${" + v.getKey() + "}", v.getValue())
              .replace("$" + v.getKey(), v.getValue());
    }
    return result;
  }
}
