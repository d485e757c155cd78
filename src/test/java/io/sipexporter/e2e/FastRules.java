package io.sipexporter.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sipexporter.ops.AlertRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test-only copy of {@code alerts/*.yml} that reacts within seconds: every {@code for:} becomes
 * {@code 0s} and every range selector {@code [5m]}, {@code [15m]}... becomes {@code [1m]}. Names,
 * labels, annotations and thresholds stay as in production; the production files are not touched.
 */
public final class FastRules {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private FastRules() {}

  /** Writes the fast copies into {@code dir} and returns it. */
  public static Path derive(Path dir) {
    return derive(dir, java.time.Duration.ZERO);
  }

  /**
   * As {@link #derive(Path)}, with every {@code for:} set to {@code pending} instead of 0 s: an
   * alert must then hold that long, so the first seconds of a scrape (a rate with one sample) do
   * not count as an outage.
   */
  public static Path derive(Path dir, java.time.Duration pending) {
    try {
      Files.createDirectories(dir);
      for (Path file : AlertRules.files()) {
        JsonNode root = YAML.readTree(file.toFile());
        for (JsonNode group : root.path("groups")) {
          for (JsonNode rule : group.path("rules")) {
            ObjectNode r = (ObjectNode) rule;
            if (r.has("for")) {
              r.put("for", pending.toSeconds() + "s");
            }
            r.put("expr", fast(r.path("expr").asText()));
          }
        }
        YAML.writeValue(dir.resolve(file.getFileName()).toFile(), root);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String fast(String expr) {
    return expr.replaceAll("\\[[0-9]+[smhd]]", "[1m]");
  }
}
