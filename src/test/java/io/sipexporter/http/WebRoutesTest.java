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

  @Test
  void servesTheQ850CausePages() {
    WebPage page = routes.render("/causes/q850/16", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).isEqualTo(WebPage.HTML);
    assertThat(page.body())
        .contains("<h1>Q.850 cause 16 Normal call clearing</h1>")
        .contains("no SIP response", "NORMAL_CLEARING", "<a href=\"/causes/q850\">");
    assertThat(routes.render("/causes/Q.850/17/", null).body())
        .contains(
            "<tr><th>In SIP</th><td><a href=\"/codes/486\">486 Busy Here</a>"
                + " (RFC 3398 8.2.6.1)</td></tr>")
        .doesNotContain("486 Busy Here (RFC 3398"); // the code is named once, as the link
    assertThat(routes.render("/causes/q850/24", null).body())
        .contains("Q.850 cause 24 Unassigned", "normal event");

    WebPage index = routes.render("/causes/q850", null);
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.body())
        .contains("<a href=\"/causes/q850/102\">102</a>")
        .contains("<a href=\"/codes/504\">504 Server Time-out</a>");
  }

  @Test
  void aBadCauseIsA404NamingTheProblem() {
    WebPage tooBig = routes.render("/causes/q850/999", null);
    assertThat(tooBig.status()).isEqualTo(404);
    assertThat(tooBig.body())
        .contains("&#39;999&#39; is out of range: Q.850 cause values are 1 to 127");
    WebPage word = routes.render("/causes/q850/abc", null);
    assertThat(word.status()).isEqualTo(404);
    assertThat(word.body()).contains("is not a cause number");
    assertThat(routes.render("/causes/isup/16", null).status()).isEqualTo(404);
  }

  @Test
  void theLandingPageLinksTheCausePages() {
    assertThat(LandingPage.pages("/metrics").stream().map(p -> p[0])).contains("/causes/q850");
  }
}
