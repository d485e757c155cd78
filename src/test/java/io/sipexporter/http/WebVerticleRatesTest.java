package io.sipexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.Scrape;
import io.sipexporter.catalog.ResponseCodeCatalog;
import io.sipexporter.core.ListenAddress;
import io.sipexporter.e2e.Await;
import io.sipexporter.metrics.TrafficCounters;
import io.sipexporter.sip.SipMethod;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The web server itself takes the snapshots behind the code pages' live rate: counted responses
 * show up as a per-second rate without anyone calling {@link CodeRates#snapshot()} by hand.
 */
class WebVerticleRatesTest {
  private static final Pattern INVITE_ROW =
      Pattern.compile("<tr><td>INVITE</td><td class=\"n\">([^<]+)</td><td class=\"n\">(\\d+)</td>");

  private final Vertx vertx =
      Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theServersTimerTurnsCountsIntoARate() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TrafficCounters counters = new TrafficCounters(registry);
    // a short window, so the test sees several snapshots; production uses CodeRates.INTERVAL
    CodeRates rates = new CodeRates(registry, Duration.ofMillis(100), System::nanoTime);
    WebRoutes routes =
        new WebRoutes(
            registry,
            "/metrics",
            new LandingPage("1 (x)", List.of(), List.of()),
            () -> true,
            new CodeRoutes(ResponseCodeCatalog.load(), counters::responsesWithCode, rates));
    WebVerticle web = new WebVerticle(ListenAddress.parse("127.0.0.1:0"), routes);
    vertx.deployVerticle(web).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    String url = "http://127.0.0.1:" + web.boundAddress().port() + "/codes/437";

    String[] rate = new String[1];
    Await.until(
        "a positive INVITE rate on /codes/437",
        Duration.ofSeconds(20),
        () -> {
          counters.response(SipMethod.INVITE, 437); // keeps counting while the timer snapshots
          Matcher row = INVITE_ROW.matcher(get(url));
          if (row.find()
              && row.group(1).matches("[0-9]+\\.[0-9]{3}")
              && Double.parseDouble(row.group(1)) > 0) {
            rate[0] = row.group(1);
            assertThat(Long.parseLong(row.group(2))).isPositive();
          }
          return rate[0] != null;
        });
    assertThat(get(url)).contains("Rate over the last 100 ms").doesNotContain("after 100 ms");
  }

  private static String get(String url) {
    try {
      HttpResponse<String> r =
          Scrape.CLIENT.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      return r.body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
