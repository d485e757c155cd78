package io.sipexporter.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.load.Exposition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseCodeInfoMetersTest {

  private static String scrape() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ResponseCodeInfoMeters(ResponseCodeCatalog.load()).bindTo(registry);
    return registry.scrape();
  }

  @Test
  void scrapeMatchesTheGoldenFile() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/metrics/sip_response_code_info.prom")) {
      assertThat(scrape()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void exposesOneSeriesPerRegisteredCode() {
    String scrape = scrape();
    assertThat(scrape)
        .contains("# TYPE sip_response_code_info gauge")
        .contains(
            "sip_response_code_info{class=\"4xx\",code=\"437\","
                + "reason=\"Unsupported Credential\"} 1\n");
    assertThat(Exposition.parse(scrape).named("sip_response_code_info")).hasSize(75);
    assertThat(scrape).doesNotContain("code=\"499\"");
  }
}
