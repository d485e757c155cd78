package io.sipexporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The metrics reference (docs/metrics.md) says exactly what the {@link SipMeters} catalogue holds.
 */
class MetricsReferenceTest {
  /** The flag that adds each optional label. */
  private static final java.util.Map<String, String> FLAG_OF_LABEL =
      java.util.Map.of(
          SipMeters.NODE_LABEL, "--hep.nodes",
          SipMeters.PEER_LABEL, "--peers.file",
          SipMeters.DIRECTION_LABEL, "--peers.file");

  /** The fixed label keys, then each optional one with the flag that adds it. */
  static String labels(SipMeters meter) {
    List<String> parts = new ArrayList<>();
    if (!meter.labelKeys().isEmpty()) {
      parts.add(
          meter.labelKeys().stream().map(k -> "`" + k + "`").collect(Collectors.joining(", ")));
    }
    meter
        .optionalLabelKeys()
        .forEach(k -> parts.add("`" + k + "` with `" + FLAG_OF_LABEL.get(k) + "`"));
    return String.join("; ", parts);
  }

  @Test
  void referenceTableMatchesTheCatalogue() throws IOException {
    String readme = Files.readString(Path.of("docs/metrics.md"));
    String table =
        readme.substring(
            readme.indexOf("<!-- metrics-table:start -->"),
            readme.indexOf("<!-- metrics-table:end -->"));
    List<String> rows = table.lines().filter(l -> l.startsWith("| `")).collect(Collectors.toList());

    List<String> expected = new ArrayList<>();
    for (SipMeters meter : SipMeters.values()) {
      expected.add(
          "| `"
              + meter.prometheusName()
              + "` | "
              + meter.type().name().toLowerCase(java.util.Locale.ROOT)
              + " | "
              + labels(meter)
              + " | "
              + meter.help()
              + " |");
    }
    assertThat(rows)
        .as("docs/metrics.md table, row per SipMeters entry")
        .containsExactlyElementsOf(expected);
  }
}
