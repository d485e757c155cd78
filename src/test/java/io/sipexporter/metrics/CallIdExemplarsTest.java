package io.sipexporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.SipText;
import io.sipexporter.load.Exposition;
import io.sipexporter.sip.ScanResult;
import io.sipexporter.sip.SipMessage;
import io.sipexporter.sip.SipScanner;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The exemplar labels: the Call-ID, printable and within OpenMetrics' 128 characters. */
class CallIdExemplarsTest {
  private static final String OPENMETRICS =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final CallIdExemplars exemplars = new CallIdExemplars();
  private final PrometheusMeterRegistry registry = CallIdExemplars.newRegistry(exemplars);
  private final Timer timer =
      Timer.builder("test_duration")
          .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofSeconds(1))
          .register(registry);

  @Test
  void theCallIdIsTheTraceIdAndTheCseqTheSpanId() {
    exemplars.record(timer, 250_000_000L, scan("a84b4c76e66710@pc33.atlanta.com", 314159));
    String scrape = registry.scrape(OPENMETRICS);
    assertThat(scrape)
        .contains(
            "test_duration_seconds_bucket{le=\"1.0\"} 1 # {span_id=\"314159 INVITE\","
                + "trace_id=\"a84b4c76e66710@pc33.atlanta.com\"} 0.25 ");
    assertThat(scrape).doesNotContain("test_duration_seconds_bucket{le=\"0.1\"} 0 #");
  }

  @Test
  void aLongCallIdIsCutToTheOpenMetricsLimit() {
    String callId = "x".repeat(150) + "@long.example.com";
    exemplars.record(timer, 50_000_000L, scan(callId, 1));
    Map<String, String> exemplar = firstExemplar();
    String span = exemplar.get("span_id");
    String trace = exemplar.get("trace_id");
    assertThat(span).isEqualTo("1 INVITE");
    assertThat(callId).startsWith(trace);
    assertThat("trace_id".length() + trace.length() + "span_id".length() + span.length())
        .isEqualTo(CallIdExemplars.MAX_LABEL_CHARS);
    assertThat(trace).hasSize(128 - 15 - 8);
  }

  @Test
  void bytesOutsidePrintableAsciiBecomeUnderscores() {
    exemplars.record(timer, 50_000_000L, scan("caf\u00e9\u0001id@host", 7));
    Map<String, String> exemplar = firstExemplar();
    // é is two UTF-8 bytes, U+0001 one
    assertThat(exemplar.get("trace_id")).isEqualTo("caf___id@host");
  }

  @Test
  void observationsOutsideRecordCarryNone() {
    Counter counter = Counter.builder("test_events").register(registry);
    counter.increment();
    timer.record(50, TimeUnit.MILLISECONDS);
    assertThat(registry.scrape(OPENMETRICS)).doesNotContain(" # {");
  }

  /** The labels of the scrape's first exemplar: span_id, then trace_id. */
  private Map<String, String> firstExemplar() {
    Exposition.Exemplar exemplar =
        Exposition.parse(registry.scrape(OPENMETRICS)).samples().stream()
            .map(Exposition.Sample::exemplar)
            .filter(Objects::nonNull)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no exemplar in the scrape"));
    assertThat(exemplar.labels().keySet()).containsExactly("span_id", "trace_id");
    return exemplar.labels();
  }

  /** An INVITE with this Call-ID and CSeq number, scanned. */
  private static SipMessage scan(String callId, int cseq) {
    byte[] bytes = SipText.request("INVITE", callId, cseq, "");
    SipMessage msg = new SipMessage();
    assertThat(new SipScanner().scan(bytes, 0, bytes.length, msg)).isEqualTo(ScanResult.OK);
    return msg;
  }
}
