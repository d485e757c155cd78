package io.sipexporter.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.load.Exposition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code --transactions.exemplars}: the answered call's Call-ID on the bucket of each duration it
 * gave, in OpenMetrics only; nothing changes without the flag.
 */
class ExemplarScrapeTest {
  private static final String OPENMETRICS =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";
  private static final String CALL_ID = "answered@atlanta.example.com";

  @Test
  void eachDurationCarriesTheCallIdOnItsBucket() {
    String scrape = exemplarsOn().scrape(OPENMETRICS);
    // answered-call.txt: 180 at 1.2 s, 200 at 5 s, BYE after 60 s, its 200 after 20 ms
    assertExemplar(
        scrape, "sip_invite_post_dial_delay_seconds_bucket{le=\"1.5\"} 1", "1 INVITE", "1.2");
    assertExemplar(
        scrape,
        "sip_transaction_duration_seconds_bucket{class=\"2xx\",method=\"INVITE\",le=\"5.0\"} 1",
        "1 INVITE",
        "5.0");
    assertExemplar(
        scrape,
        "sip_transaction_duration_seconds_bucket{class=\"2xx\",method=\"BYE\",le=\"0.025\"} 1",
        "2 BYE",
        "0.02");
    assertExemplar(scrape, "sip_call_duration_seconds_bucket{le=\"60.0\"} 1", "2 BYE", "60.0");
  }

  @Test
  void onlyTheDurationBucketsGetOne() {
    String scrape = exemplarsOn().scrape(OPENMETRICS);
    for (Exposition.Sample sample : Exposition.parse(scrape).samples()) {
      if (sample.exemplar() != null) {
        // not on _count: Prometheus before 2.43 drops the whole scrape for that
        assertThat(sample.name())
            .as("%s", sample)
            .matches(
                "sip_(transaction_duration|invite_post_dial_delay|call_duration)_seconds_bucket");
      }
    }
    assertThat(scrape).contains("sip_call_duration_seconds_count 1\n");
  }

  @Test
  void withoutTheFlagOpenMetricsHasNoExemplar() {
    String scrape = new Harness().play("answered-call.txt").registry.scrape(OPENMETRICS);
    assertThat(scrape).contains("sip_call_duration_seconds_bucket{le=\"60.0\"} 1\n");
    assertThat(scrape).doesNotContain(" # {", "trace_id", CALL_ID);
  }

  @Test
  void thePrometheusTextFormatIsTheSameWithTheFlag() throws IOException {
    // the text format has no exemplars: byte for byte the golden file of the default
    assertThat(exemplarsOn().scrape())
        .isEqualTo(golden("/metrics/transactions-answered-call.prom"));
  }

  private static io.micrometer.prometheusmetrics.PrometheusMeterRegistry exemplarsOn() {
    return new Harness(TrackerOptions.DEFAULTS.withExemplars(true))
        .play("answered-call.txt")
        .registry;
  }

  /** The sample line, then the exemplar: labels, the observed seconds, a wall-clock timestamp. */
  private static void assertExemplar(String scrape, String sample, String cseq, String value) {
    Pattern line =
        Pattern.compile(
            "(?m)^"
                + Pattern.quote(
                    sample
                        + " # {span_id=\""
                        + cseq
                        + "\",trace_id=\""
                        + CALL_ID
                        + "\"} "
                        + value
                        + " ")
                + "\\d+\\.\\d{3}$");
    assertThat(scrape).containsPattern(line);
  }

  private static String golden(String resource) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(ExemplarScrapeTest.class.getResourceAsStream(resource), resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
