package io.sipexporter.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.catalog.ResponseCodeCatalog;
import io.sipexporter.transaction.TrackerOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * A capture's Reason headers reach the replay summaries: the BYE and CANCEL vectors of {@code
 * src/test/resources/sip}, and a BYE whose Reason has no cause, in one TCP flow.
 */
class ReplayReasonsTest {

  @Test
  void summariesListTheReasonCausesAndTheMalformedOnes() throws IOException {
    String badReason =
        "BYE sip:a@192.0.2.2 SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.1:40000;branch=z9hG4bK-r9\r\n"
            + "Call-ID: r9@192.0.2.1\r\nCSeq: 3 BYE\r\nReason: Q.850\r\nContent-Length: 0\r\n\r\n";
    TcpCapture capture =
        new TcpCapture()
            .syn()
            .data(vector("bye-reason-q850.sip"))
            .data(vector("cancel-reason-elsewhere.sip"))
            .data(badReason)
            .fin();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CaptureReplay.Outcome outcome =
        new CaptureReplay(registry, TrackerOptions.DEFAULTS, 65535)
            .read(new ByteArrayInputStream(capture.bytes()));

    ReplaySummary summary = ReplaySummary.of("reasons.pcap", outcome, registry);

    // the vectors' Reason values: BYE Q.850 16; CANCEL SIP 200 and Q.850 16 in one header
    assertThat(summary.reasons())
        .containsExactly(
            Map.entry("BYE Q.850 16", 1L),
            Map.entry("CANCEL Q.850 16", 1L),
            Map.entry("CANCEL SIP 200", 1L));
    assertThat(summary.reasonsMalformed()).containsExactly(Map.entry("missing_cause", 1L));
    assertThat(SummaryText.write(summary, ResponseCodeCatalog.load()))
        .contains("* Reason causes: 3\n")
        .contains("  BYE Q.850 16")
        .contains("  malformed: missing_cause 1\n");
    assertThat(SummaryJson.write(summary, ResponseCodeCatalog.load()))
        .contains("\"BYE Q.850 16\" : 1")
        .contains("\"missing_cause\" : 1");
  }

  private static String vector(String name) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(ReplayReasonsTest.class.getResourceAsStream("/sip/" + name), name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
