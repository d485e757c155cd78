package io.sipexporter.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.load.Exposition.Sample;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one reader of the exposition: loadgen's and every test's. */
class ExpositionTest {
  @Test
  void samplesWithAndWithoutLabelsCommentsAndBlankLinesSkipped() {
    Exposition e =
        Exposition.parse(
            """
            # HELP sip_requests_total Requests.
            # TYPE sip_requests_total counter
            sip_requests_total{method="INVITE"} 3.0
            sip_requests_total{method="BYE"} 2.0

            process_start_time_seconds 1.7e9
            """);

    assertThat(e.samples())
        .containsExactly(
            new Sample("sip_requests_total", Map.of("method", "INVITE"), 3, null, null),
            new Sample("sip_requests_total", Map.of("method", "BYE"), 2, null, null),
            new Sample("process_start_time_seconds", Map.of(), 1.7e9, null, null));
    assertThat(e.named("sip_requests_total")).hasSize(2);
    assertThat(e.value("sip_requests_total", Map.of("method", "BYE"))).isEqualTo(2);
    assertThat(e.value("sip_requests_total", Map.of())).as("exact labels only").isZero();
    assertThat(e.value("absent_total", Map.of())).isZero();
    assertThat(e.sum("sip_requests_total", Map.of())).isEqualTo(5);
    assertThat(e.sum("sip_requests_total", Map.of("method", "INVITE"))).isEqualTo(3);
  }

  @Test
  void labelValuesUnescapeBackslashQuoteAndNewline() {
    Sample s =
        Exposition.parseSample(
            "m{path=\"C:\\\\dir\\\\\",say=\"\\\"hi\\\"\",two=\"a\\nb\",odd=\"}, =# {x=\\\"1\\\"}\"}"
                + " 1");

    assertThat(s.labels())
        .containsExactly(
            Map.entry("path", "C:\\dir\\"),
            Map.entry("say", "\"hi\""),
            Map.entry("two", "a\nb"),
            Map.entry("odd", "}, =# {x=\"1\"}"));
    assertThat(s.value()).isEqualTo(1);
  }

  @Test
  void specialValuesTimestampsAndLooseSpacing() {
    assertThat(Exposition.parseSample("m NaN").value()).isNaN();
    assertThat(Exposition.parseSample("m +Inf").value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Exposition.parseSample("m Inf").value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Exposition.parseSample("m -Inf").value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Exposition.parseSample("m -1.5e-3").value()).isEqualTo(-0.0015);
    assertThat(Exposition.parseSample("m_bucket{le=\"+Inf\"} 7").labels())
        .isEqualTo(Map.of("le", "+Inf"));

    Sample timed = Exposition.parseSample("m{a=\"1\"} 2 1712345678901");
    assertThat(timed.value()).isEqualTo(2);
    assertThat(timed.timestamp()).isEqualTo(1712345678901.0);
    assertThat(Exposition.parseSample("m 2").timestamp()).isNull();

    assertThat(Exposition.parseSample("ns:m_total { a = \"1\" , b=\"2\", }\t4 "))
        .isEqualTo(new Sample("ns:m_total", Map.of("a", "1", "b", "2"), 4, null, null));
    assertThat(Exposition.parseSample("m{} 4").labels()).isEmpty();
  }

  @Test
  void openMetricsExemplarsWithAndWithoutTimestamp() {
    Exposition e =
        Exposition.parse(
            "d_bucket{le=\"0.5\"} 3 # {span_id=\"1 INVITE\",trace_id=\"a\\\"b@c\"} 0.25"
                + " 1712345678.123\n"
                + "d_bucket{le=\"1.0\"} 4 # {trace_id=\"x\"} 0.75\n"
                + "d_count 4\n"
                + "# EOF\n");

    Sample first = e.samples().get(0);
    assertThat(first.value()).isEqualTo(3);
    assertThat(first.timestamp()).isNull();
    assertThat(first.exemplar())
        .isEqualTo(
            new Exposition.Exemplar(
                Map.of("span_id", "1 INVITE", "trace_id", "a\"b@c"), 0.25, 1712345678.123));
    assertThat(e.samples().get(1).exemplar())
        .isEqualTo(new Exposition.Exemplar(Map.of("trace_id", "x"), 0.75, null));
    assertThat(e.samples().get(2).exemplar()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "m",
        "m ",
        "m{a=\"1\"}",
        "m{a=\"1} 1",
        "m{a=1} 1",
        "m{a=\"1\" b=\"2\"} 1",
        "m{a=\"\\t\"} 1",
        "m{a=\"1\",a=\"2\"} 1",
        "m 1d",
        "m Infinity",
        "m one",
        "m 1 2 3",
        "m 1 # 0.5",
        "9m 1",
        "m-x 1"
      })
  void aLineThatIsNoSampleFailsNamingItsLineNumber(String line) {
    assertThatThrownBy(() -> Exposition.parse("# TYPE m counter\n" + line + "\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("line 2: expected ")
        .hasMessageEndingWith(line);
  }

  @Test
  void readsWhatTheRegistryWritesInBothFormats() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    String odd = "back\\slash \"quoted\"\nnew line";
    Counter.builder("odd_labels").tag("value", odd).register(registry).increment(2);
    Timer timer =
        Timer.builder("d")
            .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofSeconds(1))
            .register(registry);
    timer.record(Duration.ofMillis(250));

    for (String body :
        List.of(
            registry.scrape(),
            registry.scrape("application/openmetrics-text; version=1.0.0; charset=utf-8"))) {
      Exposition e = Exposition.parse(body);
      assertThat(e.value("odd_labels_total", Map.of("value", odd))).as(body).isEqualTo(2);
      assertThat(e.value("d_seconds_bucket", Map.of("le", "1.0"))).isEqualTo(1);
      assertThat(e.value("d_seconds_bucket", Map.of("le", "+Inf"))).isEqualTo(1);
      assertThat(e.value("d_seconds_count", Map.of())).isEqualTo(1);
    }
  }
}
