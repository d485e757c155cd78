package io.sipexporter.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.core.ErrorReason;
import io.sipexporter.core.Ingest;
import io.sipexporter.metrics.CallMeters;
import io.sipexporter.metrics.NodeTable;
import io.sipexporter.metrics.TrafficCounters;
import io.sipexporter.metrics.TransactionMeters;
import io.sipexporter.pcap.CaptureFrame;
import io.sipexporter.pcap.CaptureReader;
import io.sipexporter.pcap.CaptureResult;
import io.sipexporter.pcap.PacketDecoder;
import io.sipexporter.pcap.PacketMeta;
import io.sipexporter.pcap.PacketSink;
import io.sipexporter.pcap.StreamSink;
import io.sipexporter.pipeline.SipIngest;
import io.sipexporter.pipeline.SipPipeline;
import io.sipexporter.transaction.TrackerOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A capture counted by {@link CaptureReplay} as live input of the same messages would be, under
 * input pcap.
 */
class CaptureReplayTest {
  private static final List<String> COUNTED =
      List.of(
          "sip_requests_total",
          "sip_responses_total",
          "sip_transactions_total{",
          "sip_calls_ended_total",
          "sip_retransmissions_total",
          "sip_exporter_unmatched_responses_total",
          "sip_transactions_timed_out_total");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @ParameterizedTest
  @ValueSource(strings = {"sipp-3calls-udp.pcapng", "sipp-3calls-tcp.pcap"})
  void countsWhatTheLiveSipListenerCountsForTheSameMessages(String capture) throws IOException {
    try (InputStream in = resource(capture)) {
      new CaptureReplay(registry, TrackerOptions.DEFAULTS, 65535).read(in);
    }
    PrometheusMeterRegistry live = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (InputStream in = resource(capture)) {
      feedLive(in, live);
    }

    assertThat(counted(registry))
        .isEqualTo(counted(live))
        .contains("sip_requests_total{method=\"INVITE\"} 3.0");
    String scrape = registry.scrape();
    assertThat(scrape)
        .contains(
            "sip_exporter_messages_received_total{input=\"pcap\",transport=\""
                + (capture.contains("tcp") ? "tcp" : "udp")
                + "\"} 18.0")
        .doesNotContain("sip_exporter_parse_errors_total");
  }

  @Test
  void hepInsideACaptureIsCountedUnderPcapAndStampedWithItsOwnTime() throws IOException {
    CaptureReplay.Outcome outcome;
    try (InputStream in = resource("eth-hep3-udp.pcap")) {
      outcome = new CaptureReplay(registry, TrackerOptions.DEFAULTS, 65535).read(in);
    }
    assertThat(outcome.frames()).isEqualTo(1);
    assertThat(outcome.captureError()).isNull();
    assertThat(registry.scrape())
        .contains("sip_exporter_hep_payloads_total{type=\"sip\"} 1.0")
        .contains("sip_requests_total{method=\"OPTIONS\"} 1.0")
        .contains("sip_exporter_messages_received_total{input=\"pcap\",transport=\"udp\"} 1.0");
    // the OPTIONS got no answer in the capture: at its end the timers run out
    assertThat(outcome.openAtEnd()).isEqualTo(1);
    assertThat(registry.scrape())
        .contains("sip_transactions_timed_out_total{method=\"OPTIONS\"} 1.0");
  }

  @Test
  void withHepNodesHepInACaptureIsLabelledWithItsCaptureAgentAndRawSipWithNone()
      throws IOException {
    // eth-hep3-udp.pcap: chunk 12 (capture agent id) is 00 00 07 d1, 2001 (tshark -x)
    try (InputStream in = resource("eth-hep3-udp.pcap")) {
      new CaptureReplay(registry, null, TrackerOptions.DEFAULTS, 65535, new NodeTable(1), null)
          .read(in);
    }
    try (InputStream in = resource("sipp-3calls-udp.pcapng")) {
      new CaptureReplay(registry, null, TrackerOptions.DEFAULTS, 65535, new NodeTable(1), null)
          .read(in);
    }
    assertThat(registry.scrape())
        .contains("sip_requests_total{method=\"OPTIONS\",node=\"2001\"} 1.0")
        .contains("sip_requests_total{method=\"INVITE\",node=\"\"} 3.0")
        .contains("sip_responses_total{class=\"2xx\",code=\"200\",method=\"INVITE\",node=\"\"} 3.0")
        .doesNotContain("sip_requests_total{method=\"INVITE\"}");
  }

  @Test
  void captureTimeAloneDrivesTheTimers() throws IOException {
    // 3 calls within 0.3 s of capture time: a 1 s timer never runs out while reading, only at the
    // end
    TrackerOptions shortTimers =
        TrackerOptions.builder()
            .transactionCapacity(1024)
            .transactionTimeout(Duration.ofSeconds(1))
            .inviteTimeout(Duration.ofSeconds(1))
            .callCapacity(256)
            .build();
    try (InputStream in = resource("sipp-3calls-udp.pcapng")) {
      CaptureReplay.Outcome outcome = new CaptureReplay(registry, shortTimers, 65535).read(in);
      assertThat(outcome.openAtEnd()).isZero();
      assertThat(outcome.lastNanos() - outcome.firstNanos()).isBetween(1L, 1_000_000_000L);
    }
    assertThat(registry.scrape())
        .contains("sip_transactions_total{class=\"2xx\",code=\"200\",method=\"INVITE\"} 3.0")
        .contains("sip_calls_ended_total{by=\"caller\"} 3.0");
  }

  @Test
  void truncatedCaptureKeepsWhatCameBefore() throws IOException {
    byte[] whole;
    try (InputStream in = resource("sipp-3calls-udp.pcapng")) {
      whole = in.readAllBytes();
    }
    CaptureReplay.Outcome outcome =
        new CaptureReplay(registry, TrackerOptions.DEFAULTS, 65535)
            .read(new ByteArrayInputStream(Arrays.copyOf(whole, 3000)));

    assertThat(outcome.captureError()).isEqualTo(CaptureResult.TRUNCATED_RECORD);
    assertThat(outcome.frames()).isEqualTo(5); // tshark -r on the same 3000 bytes: 5 SIP messages
    assertThat(registry.scrape())
        .contains("sip_requests_total{method=\"INVITE\"} 1.0")
        .contains(
            "sip_exporter_parse_errors_total{input=\"pcap\",reason=\"pcap_truncated_record\"} 1.0");
  }

  private static String counted(PrometheusMeterRegistry r) {
    return r.scrape()
        .lines()
        .filter(l -> COUNTED.stream().anyMatch(l::startsWith))
        .collect(Collectors.joining("\n"));
  }

  /**
   * The payloads of the capture fed to a live SIP listener's ingest: datagrams, and one stream per
   * flow.
   */
  private static void feedLive(InputStream in, PrometheusMeterRegistry live) throws IOException {
    SipIngest ingest =
        new SipIngest(
            new SipPipeline(
                new TrafficCounters(live),
                new io.sipexporter.transaction.TransactionTracker(
                    new TransactionMeters(live), new CallMeters(live), TrackerOptions.DEFAULTS)),
            65535);
    PacketSink datagrams =
        new PacketSink() {
          @Override
          public void onDatagram(byte[] buf, int off, int len, PacketMeta meta) {
            ingest.datagram(buf, off, len);
          }

          @Override
          public void onError(ErrorReason reason) {
            throw new AssertionError(reason.reason());
          }
        };
    StreamSink.Factory streams =
        meta -> {
          Ingest.Stream stream = ingest.openStream();
          return new StreamSink() {
            @Override
            public void onData(byte[] buf, int off, int len, PacketMeta m) {
              assertThat(stream.feed(buf, off, len)).isNull();
            }

            @Override
            public void onGap() {
              throw new AssertionError("gap");
            }

            @Override
            public void onClose() {}
          };
        };
    PacketDecoder packets = new PacketDecoder(datagrams, streams);
    CaptureReader reader = new CaptureReader(in);
    CaptureFrame frame = new CaptureFrame();
    for (CaptureResult r; (r = reader.next(frame)) != CaptureResult.END; ) {
      packets.decode(frame);
    }
    packets.finish();
  }

  private static InputStream resource(String name) {
    return CaptureReplayTest.class.getResourceAsStream("/pcap/" + name);
  }
}
