package io.sipexporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class UdpReceiveDropsTest {

  @Test
  void sumsDropsOfEverySocketOnThePortInBothTables() throws URISyntaxException {
    UdpReceiveDrops drops =
        new UdpReceiveDrops(
            "sip", 5060, List.of(resource("net-udp.txt"), resource("net-udp6.txt")));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    drops.bindTo(registry);
    assertThat(registry.scrape())
        .contains("sip_exporter_udp_receive_drops_total{input=\"sip\"} 25.0");
  }

  @Test
  void keepsReadingAfterTheBinderIsGarbage() throws URISyntaxException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new UdpReceiveDrops("sip", 5060, List.of(resource("net-udp.txt"), resource("net-udp6.txt")))
        .bindTo(registry);
    for (int i = 0; i < 5; i++) {
      System.gc(); // nothing else holds the binder: the meter must
    }
    assertThat(registry.scrape())
        .contains("sip_exporter_udp_receive_drops_total{input=\"sip\"} 25.0");
  }

  @Test
  void missingTablesReadAsZero() {
    UdpReceiveDrops drops = new UdpReceiveDrops("sip", 5060, List.of(Path.of("/nonexistent/udp")));
    assertThat(drops.read()).isZero();
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(UdpReceiveDropsTest.class.getResource("/proc/" + name).toURI());
  }
}
