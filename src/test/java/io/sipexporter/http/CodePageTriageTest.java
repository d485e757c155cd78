package io.sipexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.catalog.Check;
import io.sipexporter.catalog.CodeClass;
import io.sipexporter.catalog.ResponseCode;
import io.sipexporter.catalog.ResponseCodeCatalog;
import io.sipexporter.metrics.TrafficCounters;
import io.sipexporter.sip.SipMethod;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The code pages for the person paged at night: what to check with commands, which side to look at,
 * the live rate by method from the exporter's own counters, class pages, and compare's "When each
 * is used".
 */
class CodePageTriageTest {
  private static final ResponseCodeCatalog CATALOG = ResponseCodeCatalog.load();
  private static final String VIEWPORT =
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final TrafficCounters counters = new TrafficCounters(registry);
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final CodeRates rates = new CodeRates(registry, CodeRates.INTERVAL, nanos::get);
  private final CodeRoutes routes = new CodeRoutes(CATALOG, counters::responsesWithCode, rates);

  private String page(String path) {
    WebPage p = routes.respond(path).orElseThrow();
    assertThat(p.status()).as(path).isEqualTo(200);
    assertThat(p.contentType()).isEqualTo(WebPage.HTML);
    return p.body();
  }

  @Test
  void codePageSaysWhatToCheckWithCommandsAndWhichSideToLookAt() {
    String html = page("/codes/437");
    ResponseCode c = CATALOG.lookup(437);
    assertThat(html).contains("<h2>What to check</h2>", "<h3>If you sent it</h3>");
    assertThat(html).contains("<h3>If you received it</h3>", "<h2>Which side to look at</h2>");
    for (Check check : c.triage().checks()) {
      assertThat(html).contains("<li>" + Html.escape(check.step()));
      if (check.hasCommand()) {
        assertThat(html).contains("<pre><code>" + Html.escape(check.command()) + "</code></pre>");
      }
    }
    assertThat(html)
        .contains("openssl x509 -noout -dates -issuer -subject -in cert.pem")
        .contains("-Y &#39;sip.Identity&#39;")
        .contains("<p>" + Html.escape(c.triage().ifYouSent()) + "</p>")
        .contains("<p>" + Html.escape(c.triage().ifYouReceived()) + "</p>");
    // the sections come in reading order: meaning, fix, checks, sides, live rate
    assertThat(html.indexOf("How to fix"))
        .isLessThan(html.indexOf("What to check"))
        .isLessThan(html.indexOf("If you sent it"))
        .isLessThan(html.indexOf("Live rate by method"));
  }

  @Test
  void liveRateComesFromTheCountersByMethodTotalFirstThenPerSecond() {
    assertThat(page("/codes/437")).contains("This exporter has counted none since it started.");
    for (int i = 0; i < 7; i++) {
      counters.response(SipMethod.INVITE, 437);
    }
    counters.response(SipMethod.OPTIONS, 437);
    counters.response(SipMethod.INVITE, 200);
    rates.snapshot();
    String before = page("/codes/437");
    assertThat(before)
        .contains("until then, the total")
        .contains("<tr><td>INVITE</td><td class=\"n\">after 15 s</td><td class=\"n\">7</td></tr>")
        .contains("<tr><td>OPTIONS</td><td class=\"n\">after 15 s</td><td class=\"n\">1</td></tr>")
        .doesNotContain("<td>REGISTER</td>");

    int more = 30;
    for (int i = 0; i < more; i++) {
      counters.response(SipMethod.INVITE, 437);
    }
    counters.response(SipMethod.REGISTER, 437);
    nanos.addAndGet(Duration.ofSeconds(15).toNanos());
    rates.snapshot();
    String after = page("/codes/437");
    String invite = String.format(Locale.ROOT, "%.3f", more / 15.0);
    String register = String.format(Locale.ROOT, "%.3f", 1 / 15.0);
    assertThat(after)
        .contains("Rate over the last 15 s")
        .contains("<tr><td>INVITE</td><td class=\"n\">" + invite + "</td><td class=\"n\">37</td>")
        .contains("<tr><td>OPTIONS</td><td class=\"n\">0.000</td><td class=\"n\">1</td>")
        .contains(
            "<tr><td>REGISTER</td><td class=\"n\">" + register + "</td><td class=\"n\">1</td>");
    // another code's page reads only its own counters
    assertThat(page("/codes/200"))
        .contains("<tr><td>INVITE</td><td class=\"n\">0.000</td><td class=\"n\">1</td>");
  }

  @Test
  void classPageShowsTheClassGuidanceCodesAndLiveRate() {
    counters.response(SipMethod.INVITE, 503);
    counters.response(SipMethod.INVITE, 500);
    counters.response(SipMethod.BYE, 599);
    String html = page("/codes/5xx");
    assertThat(html)
        .contains("<h1>5xx Server Failure</h1>", "<h2>What to check</h2>", "If you received it")
        .contains(Html.escape(CATALOG.guidance(CodeClass.SERVER_FAILURE).triage().ifYouSent()))
        .contains("<a href=\"/codes/503\">503 Service Unavailable</a>")
        .doesNotContain("<a href=\"/codes/486\">")
        .contains("<tr><td>INVITE</td><td class=\"n\">after 15 s</td><td class=\"n\">2</td></tr>")
        .contains("<tr><td>BYE</td><td class=\"n\">after 15 s</td><td class=\"n\">1</td></tr>");
    for (CodeClass cc : CodeClass.values()) {
      assertThat(page("/codes/" + cc.label())).contains("<h1>" + cc.label() + " ");
    }
    assertThat(routes.respond("/codes/7xx").orElseThrow().status()).isEqualTo(404);
    assertThat(page("/codes")).contains("<a href=\"/codes/4xx\">4xx</a>");
  }

  @Test
  void compareEndsWithWhenEachIsUsed() {
    String html = page("/codes/compare/200/437");
    int section = html.indexOf("<h2>When each is used</h2>");
    assertThat(section).isGreaterThan(html.indexOf("<h2><a href=\"/codes/437\">"));
    String tail = html.substring(section);
    assertThat(tail.indexOf("<h3>200 OK</h3>")).isLessThan(tail.indexOf("<h3>437 Unsupported"));
    for (int code : new int[] {200, 437}) {
      for (String situation : CATALOG.lookup(code).triage().usedWhen()) {
        assertThat(tail).contains("<li>" + Html.escape(situation) + "</li>");
      }
    }
    assertThat(tail.indexOf("<h2", 1)).as("the last section").isEqualTo(-1);
  }

  @Test
  void everyPageCarriesTheViewportMeta() {
    List<String> paths =
        List.of(
            "/codes",
            "/codes/437",
            "/codes/499",
            "/codes/4xx",
            "/codes/compare/486/600",
            "/codes/abc",
            "/codes/compare/1");
    for (String path : paths) {
      String body = routes.respond(path).orElseThrow().body();
      assertThat(body).as(path).contains(VIEWPORT);
      assertThat(body.indexOf(VIEWPORT)).as(path).isLessThan(body.indexOf("</head>"));
    }
    WebRoutes web =
        new WebRoutes(
            registry,
            "/metrics",
            new LandingPage("1 (x)", List.of("SIP udp+tcp 0.0.0.0:5060"), List.of()),
            () -> true,
            routes);
    assertThat(web.render("/", null).body()).contains(VIEWPORT);
    assertThat(RunbookPage.html("# Alerts\n\ntext\n")).contains(VIEWPORT);
  }
}
