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
              + meter.labelKeys().stream().map(k -> "`" + k + "`").collect(Collectors.joining(", "))
              + meter.optionalLabelKeys().stream()
                  .map(k -> "; `" + k + "` with `" + FLAG_OF_LABEL.get(k) + "`")
                  .collect(Collectors.joining())
              + " | "
              + meter.help()
              + " |");
    }
    assertThat(rows)
        .as("docs/metrics.md table, row per SipMeters entry")
        .containsExactlyElementsOf(expected);
  }
}
