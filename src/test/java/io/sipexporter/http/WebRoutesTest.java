package io.sipexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WebRoutesTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicBoolean ready = new AtomicBoolean();
  private final WebRoutes routes =
      new WebRoutes(
          registry,
          "/custom-metrics",
          new LandingPage(
              "1.2.3 (abc)",
              List.of("SIP udp+tcp <0.0.0.0:5060>"),
              List.<String[]>of(new String[] {"/custom-metrics", "Metrics"})),
          ready::get,
          new CodeRoutes(io.sipexporter.catalog.ResponseCodeCatalog.load(), code -> 0));

  @Test
  void servesPrometheusTextUnlessOpenMetricsIsAsked() {
    Counter.builder("sip.requests").tag("method", "INVITE").register(registry).increment();
    WebPage text = routes.render("/custom-metrics", "text/plain");
    assertThat(text.status()).isEqualTo(200);
    assertThat(text.contentType()).startsWith("text/plain; version=0.0.4");
    assertThat(text.body()).contains("sip_requests_total{method=\"INVITE\"} 1.0");

    WebPage om =
        routes.render(
            "/custom-metrics", "application/openmetrics-text;version=1.0.0,text/plain;q=0.5");
    assertThat(om.contentType()).startsWith("application/openmetrics-text");
    assertThat(om.body()).contains("sip_requests_total{method=\"INVITE\"} 1.0").endsWith("# EOF\n");

    assertThat(routes.render("/metrics", null).status())
        .as("only the configured path serves metrics")
        .isEqualTo(404);
  }

  @Test
  void servesTheAlertRunbooks() {
    WebPage page = routes.render("/alerts", null);
    assertThat(page).isSameAs(RunbookPage.page());
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<h3 id=\"sipexporterdown\">");
  }

  @Test
  void readinessFollowsTheListeners() {
    assertThat(routes.render("/-/ready", null).status()).isEqualTo(503);
    ready.set(true);
    assertThat(routes.render("/-/ready", null).status()).isEqualTo(200);
    assertThat(routes.render("/-/healthy", null).status()).isEqualTo(200);
  }

  @Test
  void landingPageEscapesAndLinks() {
    WebPage page = routes.render("/", null);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body())
        .contains("version 1.2.3 (abc)")
        .contains("SIP udp+tcp &lt;0.0.0.0:5060&gt;")
        .contains("<a href=\"/custom-metrics\">Metrics</a>");
  }
}
