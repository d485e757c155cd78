package io.sipexporter.input;

import static io.sipexporter.SipText.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.Hep3Packet;
import io.sipexporter.core.Ingest;
import io.sipexporter.core.Input;
import io.sipexporter.core.ListenAddress;
import io.sipexporter.metrics.CallMeters;
import io.sipexporter.metrics.TrafficCounters;
import io.sipexporter.metrics.TransactionMeters;
import io.sipexporter.net.SourceFilter;
import io.sipexporter.pipeline.SipPipeline;
import io.sipexporter.transaction.TrackerOptions;
import io.sipexporter.transaction.TransactionTracker;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each live input names its label, makes its own ingest per event loop and its landing line. */
class LiveInputTest {
  private static final ListenAddress BOUND = ListenAddress.parse("127.0.0.1:5070");
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final TrafficCounters counters = new TrafficCounters(registry);

  private SipPipeline pipeline() {
    return new SipPipeline(
        counters,
        new TransactionTracker(
            new TransactionMeters(registry), new CallMeters(registry), TrackerOptions.DEFAULTS));
  }

  private double received(String input) {
    return registry.get("sip.exporter.messages.received").tag("input", input).counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  @Test
  void sipReadsRawDatagramsUnderInputSip() {
    SipInput sip = new SipInput(ListenAddress.parse(":5060"), SourceFilter.ANY, 65535);
    Ingest ingest = sip.newIngest(pipeline());
    byte[] invite = request("OPTIONS", "raw", 1, "");
    ingest.datagram(invite, 0, invite.length);

    assertThat(sip.input()).isEqualTo(Input.SIP);
    assertThat(received("sip")).isEqualTo(1);
    assertThat(registry.scrape()).contains("sip_requests_total{method=\"OPTIONS\"} 1.0");
    assertThat(sip.landingLine(BOUND)).isEqualTo("SIP udp+tcp 127.0.0.1:5070");
  }

  @Test
  void eachEventLoopGetsItsOwnIngest() {
    SipInput sip = new SipInput(ListenAddress.parse(":5060"), SourceFilter.ANY, 65535);
    HepInput hep = new HepInput(ListenAddress.parse(":9060"), SourceFilter.ANY, null);
    SipPipeline pipeline = pipeline();
    assertThat(sip.newIngest(pipeline)).isNotSameAs(sip.newIngest(pipeline));
    assertThat(hep.newIngest(pipeline)).isNotSameAs(hep.newIngest(pipeline));
  }

  @Test
  void hepUnwrapsEnvelopesUnderInputHep() {
    HepInput hep = new HepInput(ListenAddress.parse(":9060"), SourceFilter.ANY, null);
    Ingest ingest = hep.newIngest(pipeline());
    byte[] packet = Hep3Packet.sip(request("OPTIONS", "hep", 1, ""), 1_764_720_000L, 0).build();
    ingest.datagram(packet, 0, packet.length);

    assertThat(hep.input()).isEqualTo(Input.HEP);
    assertThat(received("hep")).isEqualTo(1);
    assertThat(registry.scrape()).contains("sip_requests_total{method=\"OPTIONS\"} 1.0");
    assertThat(hep.landingLine(BOUND)).isEqualTo("HEP udp+tcp 127.0.0.1:5070");
  }

  @Test
  void hepWithAKeyDropsPacketsWithoutItAndSaysSoOnTheLandingPage() {
    HepInput hep = new HepInput(ListenAddress.parse(":9060"), SourceFilter.ANY, "s3cret");
    Ingest ingest = hep.newIngest(pipeline());
    byte[] packet = Hep3Packet.sip(request("OPTIONS", "nokey", 1, ""), 1_764_720_000L, 0).build();
    ingest.datagram(packet, 0, packet.length);
    byte[] keyed =
        Hep3Packet.sip(request("OPTIONS", "key", 1, ""), 1_764_720_000L, 0)
            .bytes(14, "s3cret".getBytes(StandardCharsets.UTF_8))
            .build();
    ingest.datagram(keyed, 0, keyed.length);

    assertThat(registry.scrape())
        .contains("reason=\"hep_bad_auth_key\"} 1.0")
        .contains("sip_requests_total{method=\"OPTIONS\"} 1.0");
    assertThat(hep.landingLine(BOUND)).isEqualTo("HEP udp+tcp 127.0.0.1:5070 (auth key required)");
    assertThat(hep.toString()).doesNotContain("s3cret");
  }
}
