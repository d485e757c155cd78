package io.sipexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.catalog.ResponseCodeCatalog;
import io.sipexporter.metrics.CodeLabels;
import io.sipexporter.metrics.LabelSets;
import io.sipexporter.metrics.NodeTable;
import io.sipexporter.metrics.SeriesBudget;
import io.sipexporter.metrics.TrafficCounters;
import io.sipexporter.sip.SipMethod;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Under {@code --peers.file} a code page's live table has a row per method, peer and direction: who
 * sent the 437 and who answered is the first thing on-call needs.
 */
class CodeRatesByPeerTest {
  private static final ResponseCodeCatalog CATALOG = ResponseCodeCatalog.load();

  @Test
  void aCodePageSplitsItsLiveRateByPeerAndDirection() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    LabelSets sets =
        new LabelSets(new NodeTable(0), true, new SeriesBudget(SeriesBudget.DEFAULT, registry));
    TrafficCounters counters = new TrafficCounters(registry, sets, CodeLabels.unbounded());
    int aIn = sets.index(NodeTable.NOT_HEP, sets.peerSlot("carrier-a"), LabelSets.IN);
    int aOut = sets.index(NodeTable.NOT_HEP, sets.peerSlot("carrier-a"), LabelSets.OUT);
    AtomicLong nanos = new AtomicLong();
    CodeRates rates = new CodeRates(registry, Duration.ofSeconds(10), nanos::get);

    counters.response(aIn, SipMethod.INVITE, 437);
    rates.snapshot();
    for (int i = 0; i < 20; i++) {
      counters.response(aIn, SipMethod.INVITE, 437); // carrier-a rejects our Identity
    }
    for (int i = 0; i < 5; i++) {
      counters.response(aOut, SipMethod.INVITE, 437); // we reject carrier-a's
    }
    nanos.addAndGet(10_000_000_000L);
    rates.snapshot();

    CodeRates.Live live = rates.ofCode(437);
    assertThat(live.byPeer()).isTrue();
    assertThat(live.rows())
        .containsExactly(
            new CodeRates.MethodRate("INVITE", "carrier-a", "in", 21, 2.0),
            new CodeRates.MethodRate("INVITE", "carrier-a", "out", 5, 0.5));
    String html = CodePages.code(CATALOG, CATALOG.lookup(437), 26, live, m -> 0);
    assertThat(html)
        .contains("Live rate by method, peer and direction")
        .contains(
            "<tr><td>INVITE</td><td>carrier-a</td><td>in (the peer answered)</td>"
                + "<td class=\"n\">2.000</td><td class=\"n\">21</td></tr>")
        .contains("<td>out (we answered the peer)</td><td class=\"n\">0.500</td>");
  }

  @Test
  void withoutPeersThePageKeepsItsMethodOnlyTable() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TrafficCounters counters = new TrafficCounters(registry);
    CodeRates rates = new CodeRates(registry, Duration.ofSeconds(10), System::nanoTime);
    counters.response(SipMethod.INVITE, 486);
    CodeRates.Live live = rates.ofCode(486);
    assertThat(live.byPeer()).isFalse();
    assertThat(CodePages.code(CATALOG, CATALOG.lookup(486), 1, live, m -> 0))
        .contains("Live rate by method</h2>")
        .doesNotContain("<th>Peer</th>");
  }
}
