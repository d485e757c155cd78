package io.sipexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.metrics.LabelSets;
import io.sipexporter.metrics.NodeTable;
import io.sipexporter.metrics.SeriesBudget;
import io.sipexporter.peers.PeersFile;
import io.sipexporter.pipeline.PeerMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --peers.file} reloads: a broken version keeps the running peers and says so. */
class PeersWatcherTest {
  @TempDir Path dir;

  @Test
  void aBrokenReloadKeepsTheLastGoodPeersUntilAGoodOneArrives() throws IOException {
    Path file = dir.resolve("peers.yml");
    Files.writeString(file, "peers:\n  - name: carrier-a\n    addresses: [192.0.2.0/24]\n");
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    LabelSets sets =
        new LabelSets(new NodeTable(0), true, new SeriesBudget(SeriesBudget.DEFAULT, registry));
    PeerMap peers = new PeerMap(sets, PeersFile.load(file), registry);
    PeersWatcher watcher = PeersWatcher.start(file, peers, peers.table(), registry);

    watcher.poll(); // unchanged: nothing happens
    assertThat(reloadSuccessful(registry)).isEqualTo("1.0");

    Files.writeString(file, "peers:\n  - name: carrier-a\n    addresses: [192.0.2.0/33]\n");
    watcher.poll();
    assertThat(peers.table().names()).containsExactly("carrier-a");
    assertThat(peers.table().lookupV4(0xC0000205)).isZero(); // 192.0.2.5 still carrier-a
    assertThat(reloadSuccessful(registry)).isEqualTo("0.0");

    Files.writeString(
        file,
        "peers:\n  - name: carrier-a\n    addresses: [192.0.2.0/24]\n"
            + "  - name: pbx-1\n    addresses: [198.51.100.7]\n");
    watcher.poll();
    assertThat(peers.table().names()).containsExactly("carrier-a", "pbx-1");
    assertThat(reloadSuccessful(registry)).isEqualTo("1.0");
    assertThat(registry.scrape()).contains("sip_exporter_peers 2.0");

    Files.delete(file); // SIGHUP with the file gone: still the last good peers
    watcher.reload();
    assertThat(peers.table().names()).containsExactly("carrier-a", "pbx-1");
    assertThat(reloadSuccessful(registry)).isEqualTo("0.0");
  }

  private static String reloadSuccessful(PrometheusMeterRegistry registry) {
    return registry
        .scrape()
        .lines()
        .filter(l -> l.startsWith("sip_exporter_config_last_reload_successful{config=\"peers\"}"))
        .map(l -> l.substring(l.lastIndexOf(' ') + 1))
        .findFirst()
        .orElse("missing");
  }
}
