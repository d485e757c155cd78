package io.sipexporter.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.catalog.Q850Catalog;
import java.util.function.BooleanSupplier;

/**
 * Maps a request path to its page: metrics, landing page, health, readiness, response codes, Q.850
 * causes, alert runbooks.
 */
public final class WebRoutes {
  static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final String telemetryPath;
  private final LandingPage landing;
  private final BooleanSupplier ready;
  private final CodeRoutes codes;
  private final CauseRoutes causes;

  public WebRoutes(
      PrometheusMeterRegistry registry,
      String telemetryPath,
      LandingPage landing,
      BooleanSupplier ready,
      CodeRoutes codes) {
    this.codes = codes;
    this.causes = new CauseRoutes(Q850Catalog.load(), codes.catalog());
    this.registry = registry;
    this.telemetryPath = telemetryPath;
    this.landing = landing;
    this.ready = ready;
  }

  /** The live response-code rates the code pages show; the web server snapshots them. */
  CodeRates codeRates() {
    return codes.rates();
  }

  /** The page for {@code path}; {@code accept} is the request's Accept header, or null. */
  public WebPage render(String path, String accept) {
    if (path.equals(telemetryPath)) {
      return metrics(accept);
    }
    switch (path) {
      case "/":
        return WebPage.html(landing.html());
      case "/alerts":
        return RunbookPage.page();
      case "/-/healthy":
        return WebPage.text(200, "OK\n");
      case "/-/ready":
        return ready.getAsBoolean()
            ? WebPage.text(200, "OK\n")
            : WebPage.text(503, "starting: listeners not bound yet\n");
      default:
        return codes
            .respond(path)
            .or(() -> causes.respond(path))
            .orElseGet(() -> WebPage.notFound(path));
    }
  }

  private WebPage metrics(String accept) {
    // OpenMetrics only when the scraper asks for it, as Prometheus does with its default Accept
    String type =
        accept != null && accept.contains("application/openmetrics-text")
            ? OPENMETRICS
            : PROMETHEUS_TEXT;
    return new WebPage(200, type, registry.scrape(type));
  }
}
