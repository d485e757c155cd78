package io.sipexporter.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.Allocation;
import io.sipexporter.Hep3Packet;
import io.sipexporter.core.Input;
import io.sipexporter.core.Transport;
import io.sipexporter.metrics.CallMeters;
import io.sipexporter.metrics.CodeLabels;
import io.sipexporter.metrics.NodeTable;
import io.sipexporter.metrics.SipMeters;
import io.sipexporter.metrics.TrafficCounters;
import io.sipexporter.metrics.TransactionMeters;
import io.sipexporter.sip.ScanResult;
import io.sipexporter.transaction.TrackerOptions;
import io.sipexporter.transaction.TransactionTracker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code sip_reason_causes_total} and {@code sip_exporter_reasons_malformed_total} as the pipeline
 * counts them from the Reason vectors of {@code src/test/resources/sip}, over raw SIP and HEP.
 */
class ReasonCountingTest {
  private final PrometheusMeterRegistry registry = registry();
  // 437 registered, 499 and 799 not; no unregistered code gets its own value
  private final SipPipeline pipeline =
      pipeline(
          registry, new CodeLabels(registry, code -> code == 437 || code == 487 || code == 200, 0));

  @Test
  void scrapeOfTheReasonVectorsMatchesGoldenFile() throws IOException {
    for (String vector :
        new String[] {
          "bye-reason-q850.sip",
          "cancel-reason-elsewhere.sip",
          "invite-reason-stir.sip",
          "reason-odd-forms.sip",
          "reason-headers-overflow.sip"
        }) {
      byte[] bytes = read("/sip/" + vector);
      assertThat(accept(Input.SIP, bytes)).as(vector).isEqualTo(ScanResult.OK);
    }
    assertThat(reasonLines(registry.scrape())).isEqualTo(text("/metrics/reason-counters.prom"));
  }

  @Test
  void aMessageWithBadReasonsIsStillCounted() throws IOException {
    accept(Input.SIP, read("/sip/reason-odd-forms.sip"));
    assertThat(count(SipMeters.RESPONSES, "code", "487")).isEqualTo(1);
  }

  @Test
  void anUnregisteredSipCauseFoldsToItsClassAsResponseCodesDo() {
    byte[] bye = bye("Reason: SIP;cause=499\r\nReason: STIR;cause=438\r\n");
    accept(Input.SIP, bye);
    assertThat(count(SipMeters.REASON_CAUSES, "cause", "4xx")).isEqualTo(2);
  }

  @Test
  void everyCodeFoldedIntoAClassCountsUnderIt() {
    accept(Input.SIP, bye("Reason: SIP;cause=498\r\n"));
    accept(Input.SIP, bye("Reason: SIP;cause=499\r\nReason: SIP;cause=498\r\n"));
    assertThat(count(SipMeters.REASON_CAUSES, "cause", "4xx")).isEqualTo(3);
  }

  @Test
  void pipelinesOnTwoThreadsAddUpInOneSeries() throws Exception {
    TrafficCounters shared =
        new TrafficCounters(registry, new NodeTable(0), CodeLabels.unbounded());
    byte[] bye = bye("Reason: Q.850;cause=16\r\n");
    int perThread = 50_000;
    Thread[] threads = new Thread[2];
    for (int t = 0; t < threads.length; t++) {
      SipPipeline own = pipeline(registry, shared);
      own.tracking(false);
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  own.accept(Input.SIP, Transport.UDP, bye, 0, bye.length, 0);
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(count(SipMeters.REASON_CAUSES, "cause", "16")).isEqualTo(2L * perThread);
    assertThat(registry.scrape())
        .contains(
            "sip_reason_causes_total{cause=\"16\",method=\"BYE\",protocol=\"Q.850\"} 100000.0");
  }

  @Test
  void countsOutliveThePipelinesThatCountedThem() {
    countOneReasonOnAPipelineOfItsOwn(); // as a replay does before its summary reads the registry
    System.gc(); // the registry holds a function meter's state weakly: it must not be the last one
    assertThat(count(SipMeters.REASON_CAUSES, "cause", "31")).isEqualTo(1);
  }

  private void countOneReasonOnAPipelineOfItsOwn() {
    byte[] bye = bye("Reason: Q.850;cause=31\r\n");
    pipeline(registry, new TrafficCounters(registry, new NodeTable(0), CodeLabels.unbounded()))
        .accept(Input.SIP, Transport.UDP, bye, 0, bye.length, 0);
  }

  @Test
  void hepCountsTheSameAsRawSip() {
    byte[] bye = bye("Reason: Q.850;cause=16\r\n");
    byte[] hep = Hep3Packet.sip(bye, 1_700_000_000L, 0).build();
    new HepIngest(pipeline, null).datagram(hep, 0, hep.length);
    accept(Input.SIP, bye);
    assertThat(count(SipMeters.REASON_CAUSES, "cause", "16")).isEqualTo(2);
  }

  @Test
  void countingReasonsAllocatesNothingOnceCountersAreResolved() throws IOException {
    byte[][] messages = {
      read("/sip/cancel-reason-elsewhere.sip"),
      read("/sip/reason-odd-forms.sip"),
      read("/sip/reason-headers-overflow.sip"),
      bye("Reason: Q.850;cause=31\r\n")
    };
    SipPipeline untracked = pipeline(registry(), CodeLabels.unbounded());
    untracked.tracking(false); // the tracker's own allocations are not what is measured here
    for (int round = 0; round < 2; round++) {
      long before = Allocation.allocatedBytes();
      for (int i = 0; i < 20_000; i++) {
        byte[] m = messages[i % messages.length];
        untracked.accept(Input.SIP, Transport.UDP, m, 0, m.length, 0);
      }
      long allocated = Allocation.allocatedBytes() - before;
      if (round == 1 && before >= 0) {
        assertThat(allocated).as("bytes allocated scanning and counting 20,000").isLessThan(1024);
      }
    }
  }

  private ScanResult accept(Input input, byte[] bytes) {
    return pipeline.accept(input, Transport.UDP, bytes, 0, bytes.length, 0);
  }

  private long count(SipMeters meter, String tag, String value) {
    var found = registry.find(meter.meterName()).tag(tag, value);
    return (long)
        (found.counters().stream().mapToDouble(Counter::count).sum()
            + found.functionCounters().stream().mapToDouble(FunctionCounter::count).sum());
  }

  private static SipPipeline pipeline(PrometheusMeterRegistry registry, CodeLabels codes) {
    return pipeline(registry, new TrafficCounters(registry, new NodeTable(0), codes));
  }

  private static SipPipeline pipeline(PrometheusMeterRegistry registry, TrafficCounters counters) {
    return new SipPipeline(
        counters,
        new TransactionTracker(
            new TransactionMeters(registry), new CallMeters(registry), TrackerOptions.DEFAULTS));
  }

  private static byte[] bye(String reasons) {
    return ("BYE sip:alice@192.0.2.10 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.20;branch=z9hG4bK-r1\r\n"
            + "From: <sip:bob@example.com>;tag=b1\r\nTo: <sip:alice@example.com>;tag=a1\r\n"
            + "Call-ID: reason-bye\r\nCSeq: 2 BYE\r\n"
            + reasons
            + "Content-Length: 0\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The two Reason families of a scrape, comments and all. */
  private static String reasonLines(String scrape) {
    return scrape
            .lines()
            .filter(l -> l.contains("sip_reason_causes") || l.contains("reasons_malformed"))
            .sorted()
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  private static String text(String resource) throws IOException {
    return new String(read(resource), StandardCharsets.UTF_8);
  }

  private static byte[] read(String resource) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(ReasonCountingTest.class.getResourceAsStream(resource), resource)) {
      return in.readAllBytes();
    }
  }

  private static PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.throwExceptionOnRegistrationFailure();
    return registry;
  }
}
