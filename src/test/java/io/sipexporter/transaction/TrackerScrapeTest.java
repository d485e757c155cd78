package io.sipexporter.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.metrics.SipMeters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The tracker's exposition after an answered call, asserted byte for byte against a golden file.
 */
class TrackerScrapeTest {

  @Test
  void answeredCallScrapeMatchesGoldenFile() throws IOException {
    String scrape = new Harness().play("answered-call.txt").registry.scrape();
    assertThat(scrape).isEqualTo(golden("/metrics/transactions-answered-call.prom"));
  }

  @Test
  void everyTrackerMeterIsExposedUnderItsCatalogueName() {
    String scrape = new Harness().play("answered-call.txt").registry.scrape();
    for (SipMeters meter : SipMeters.values()) {
      if (meter.ordinal() >= SipMeters.TRANSACTIONS.ordinal()) {
        String type = meter.type().name().toLowerCase(java.util.Locale.ROOT);
        assertThat(scrape).contains("# TYPE " + meter.prometheusName() + " " + type + "\n");
      }
    }
  }

  private static String golden(String resource) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(TrackerScrapeTest.class.getResourceAsStream(resource), resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
