package io.sipexporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.Allocation;
import io.sipexporter.load.Exposition;
import io.sipexporter.sip.SipMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Requests and responses by HEP capture agent ({@code --hep.nodes}), and without it. */
class NodeCountersTest {

  @Test
  void withNodesEverySeriesHasANodeLabelAndIdsPastTheFirstNAreOther() throws IOException {
    PrometheusMeterRegistry registry = registry();
    TrafficCounters counters = new TrafficCounters(registry, new NodeTable(2));

    counters.request(SipMethod.INVITE); // raw SIP: node=""
    counters.response(SipMethod.INVITE, 200);
    counters.request(SipMethod.INVITE, 2001);
    counters.request(SipMethod.INVITE, 2001);
    counters.response(SipMethod.INVITE, 200, 2001);
    counters.response(SipMethod.INVITE, 486, 101);
    counters.response(SipMethod.REGISTER, 401, 3003); // a third id: other
    counters.response(SipMethod.REGISTER, 401, 4004); // a fourth: other too
    counters.response(SipMethod.INVITE, 200, 2001);

    assertThat(sipLines(registry.scrape()))
        .isEqualTo(golden("/metrics/traffic-counters-nodes.prom"));
    assertThat(counters.responsesWithCode(200)).as("over every node").isEqualTo(3);
    assertThat(counters.responsesWithCode(401)).isEqualTo(2);
  }

  @Test
  void withoutNodesACaptureIdAddsNoLabel() {
    PrometheusMeterRegistry registry = registry();
    TrafficCounters counters = new TrafficCounters(registry);

    counters.response(SipMethod.INVITE, 200, 2001);
    counters.response(SipMethod.INVITE, 200);
    counters.request(SipMethod.BYE, 101);

    String scrape = registry.scrape();
    assertThat(scrape).doesNotContain("node=");
    assertThat(scrape)
        .contains("sip_responses_total{class=\"2xx\",code=\"200\",method=\"INVITE\"} 2.0\n")
        .contains("sip_requests_total{method=\"BYE\"} 1.0\n")
        .contains("sip_requests_total{method=\"INVITE\"} 0.0\n");
  }

  @Test
  void seriesAreNodesTimesRequestMethodsPlusThePairsTheirResponsesShow() {
    PrometheusMeterRegistry registry = registry();
    TrafficCounters counters = new TrafficCounters(registry, new NodeTable(50));
    int[] inviteCodes = {100, 180, 183, 200, 401, 407, 408, 480, 486, 487, 503, 603}; // 12 pairs
    SipMethod[] okOnly = {SipMethod.BYE, SipMethod.CANCEL, SipMethod.OPTIONS, SipMethod.NOTIFY};
    for (long id = 1000; id < 1051; id++) { // 51 agents: the last one is "other"
      counters.request(SipMethod.INVITE, id);
      for (int code : inviteCodes) {
        counters.response(SipMethod.INVITE, code, id);
      }
      for (SipMethod method : okOnly) { // 4 pairs
        counters.response(method, 200, id);
      }
    }
    String scrape = registry.scrape();

    Exposition samples = Exposition.parse(scrape);
    assertThat(samples.named("sip_requests_total")).hasSize(51 * 15);
    assertThat(samples.named("sip_responses_total"))
        .as("(50 nodes + other) x 16 pairs")
        .hasSize(51 * 16);
    assertThat(scrape)
        .contains(
            "sip_responses_total{class=\"2xx\",code=\"200\",method=\"BYE\",node=\"1049\"} 1.0\n")
        .contains(
            "sip_responses_total{class=\"2xx\",code=\"200\",method=\"BYE\",node=\"other\"} 1.0\n")
        .doesNotContain("node=\"1050\"");
  }

  @Test
  void countingAllocatesNothingOnceCountersAreResolved() {
    TrafficCounters counters = new TrafficCounters(registry(), new NodeTable(50));
    long[] ids = {NodeTable.NOT_HEP, 2001, 101, 0, 0xFFFF_FFFFL};
    for (int round = 0; round < 2; round++) {
      long before = Allocation.allocatedBytes();
      for (int i = 0; i < 100_000; i++) {
        long id = ids[i % ids.length];
        counters.request(SipMethod.INVITE, id);
        counters.response(SipMethod.INVITE, 100 + (i % 3) * 100, id);
      }
      long allocated = Allocation.allocatedBytes() - before;
      if (round == 1 && before >= 0) {
        assertThat(allocated).as("bytes allocated by 200,000 counts").isLessThan(1024);
      }
    }
  }

  private static PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.throwExceptionOnRegistrationFailure();
    return registry;
  }

  /** The sip_requests_total and sip_responses_total families, comments and all. */
  private static String sipLines(String scrape) {
    return scrape
            .lines()
            .filter(l -> l.matches("(# (HELP|TYPE) )?sip_(requests|responses)_total.*"))
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  private static String golden(String resource) throws IOException {
    try (var in =
        Objects.requireNonNull(NodeCountersTest.class.getResourceAsStream(resource), resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
