package io.sipexporter.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.catalog.ResponseCodeCatalog;
import io.sipexporter.metrics.NodeTable;
import io.sipexporter.metrics.SipMeters;
import io.sipexporter.peers.PeerTable;
import io.sipexporter.peers.PeersFile;
import io.sipexporter.replay.ReplaySummary.PeerCount;
import io.sipexporter.transaction.TrackerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code replay --peers.file}: the captured IP headers (IPv4, IPv6, TCP flows) name the peer and
 * the side, and both summaries list the breakdown; every message lands in exactly one row.
 */
class ReplayPeersTest {
  private static final ResponseCodeCatalog CATALOG = ResponseCodeCatalog.load();

  @Test
  void ipv4OptionsToAPeerAndItsAnswerFromIt() throws IOException {
    // ipv4-udp.pcap: OPTIONS 192.0.2.1 -> 192.0.2.2, 200 OK back
    ReplaySummary s =
        replay("ipv4-udp.pcap", "peers:\n  - name: far\n    addresses: [192.0.2.2]\n");
    assertThat(s.peers())
        .containsExactly(
            new PeerCount("far", "in", "OPTIONS", 200, 1),
            new PeerCount("far", "out", "OPTIONS", 0, 1));
    assertThat(SummaryText.write(s, CATALOG))
        .contains("* By peer (--peers.file; in: the peer sent it, out: sent to the peer)\n")
        .containsPattern("  far +in  OPTIONS 200 +1\n")
        .containsPattern("  far +out OPTIONS +1\n");
    assertThat(SummaryJson.write(s, CATALOG))
        .contains("\"peer\" : \"far\"")
        .contains("\"direction\" : \"out\"")
        .contains("\"code\" : null");
  }

  @Test
  void ipv6HeadersNameTheirPeerToo() throws IOException {
    // ipv6-udp.pcapng: OPTIONS 2001:db8::1 -> 2001:db8::2, 200 OK back
    ReplaySummary s =
        replay("ipv6-udp.pcapng", "peers:\n  - name: near\n    addresses: [\"2001:db8::1/128\"]\n");
    assertThat(s.peers())
        .containsExactly(
            new PeerCount("near", "in", "OPTIONS", 0, 1),
            new PeerCount("near", "out", "OPTIONS", 200, 1));
  }

  @Test
  void everyMessageOfATcpCaptureLandsInOneRow() throws IOException {
    ReplaySummary s =
        replay(
            "eth-tcp-reordered.pcapng", "peers:\n  - name: client\n    addresses: [192.0.2.1]\n");
    long byPeer = s.peers().stream().mapToLong(PeerCount::count).sum();
    assertThat(byPeer).isPositive().isEqualTo(s.requestCount() + s.responseCount());
    assertThat(s.peers()).allMatch(c -> c.peer().equals("client"));
  }

  @Test
  void transactionsOfOnePairAreOneRowWhateverTheirPeers() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    for (String[] side : new String[][] {{"carrier-a", "in"}, {"", ""}}) {
      io.micrometer.core.instrument.Counter.builder(SipMeters.TRANSACTIONS.meterName())
          .tags("method", "INVITE", "code", "437", "class", "4xx")
          .tags("peer", side[0], "direction", side[1])
          .register(registry)
          .increment(6);
    }
    ReplaySummary s =
        ReplaySummary.of("x.pcap", new CaptureReplay.Outcome(0, 0, 0, null, 0), registry);
    assertThat(s.transactions()).containsExactly(new ReplaySummary.Transaction("INVITE", 437, 12));
  }

  @Test
  void withoutAPeersFileThereIsNoBreakdown() throws IOException {
    ReplaySummary s = replay("ipv4-udp.pcap", null);
    assertThat(s.peers()).isEmpty();
    assertThat(SummaryText.write(s, CATALOG)).doesNotContain("By peer");
    assertThat(SummaryJson.write(s, CATALOG)).doesNotContain("\"peers\"");
  }

  private static ReplaySummary replay(String capture, String peersYaml) throws IOException {
    PeerTable peers = peersYaml == null ? null : PeersFile.parse(peersYaml);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CaptureReplay.Outcome outcome;
    try (InputStream in = Files.newInputStream(Path.of("src/test/resources/pcap", capture))) {
      outcome =
          new CaptureReplay(registry, null, TrackerOptions.DEFAULTS, 65535, new NodeTable(0), peers)
              .read(in);
    }
    return ReplaySummary.of(capture, outcome, registry);
  }
}
