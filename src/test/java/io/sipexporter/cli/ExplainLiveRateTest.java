package io.sipexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.catalog.ResponseCodeCatalog;
import io.sipexporter.core.ListenAddress;
import io.sipexporter.http.CodeRates;
import io.sipexporter.http.CodeRoutes;
import io.sipexporter.http.LandingPage;
import io.sipexporter.http.WebRoutes;
import io.sipexporter.http.WebVerticle;
import io.sipexporter.metrics.TrafficCounters;
import io.sipexporter.sip.SipMethod;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code explain --exporter URL} prints the code's live rate by method from that exporter. */
class ExplainLiveRateTest {
  private static final ResponseCodeCatalog CATALOG = ResponseCodeCatalog.load();

  private final Vertx vertx =
      Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final TrafficCounters counters = new TrafficCounters(registry);
  private final AtomicLong nanos = new AtomicLong();
  private final CodeRates rates = new CodeRates(registry, CodeRates.INTERVAL, nanos::get);
  private String url;

  @BeforeEach
  void start() throws Exception {
    WebRoutes routes =
        new WebRoutes(
            registry,
            "/metrics",
            new LandingPage("1 (x)", List.of(), List.of()),
            () -> true,
            new CodeRoutes(CATALOG, counters::responsesWithCode, rates));
    WebVerticle web = new WebVerticle(ListenAddress.parse("127.0.0.1:0"), routes);
    vertx.deployVerticle(web).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    url = "http://127.0.0.1:" + web.boundAddress().port();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void printsTheTotalUntilARateExistsThenTheRate() throws Exception {
    for (int i = 0; i < 4; i++) {
      counters.response(SipMethod.INVITE, 437);
    }
    CliRun first = CliRun.of(new ExplainCommand(CATALOG), "437", "--exporter", url);
    assertThat(first.exitCode()).isZero();
    assertThat(first.out())
        .contains("\nLive rate by method (" + url + ")\n")
        .contains("  INVITE     rate after 15 s, 4 since start\n");

    for (int i = 0; i < 45; i++) {
      counters.response(SipMethod.INVITE, 437);
    }
    nanos.addAndGet(15_000_000_000L);
    // the server snapshotted at start (none counted yet); its timer does this every 15 s
    rates.snapshot();
    String rate = String.format(Locale.ROOT, "%.3f", 49 / 15.0);
    assertThat(CliRun.of(new ExplainCommand(CATALOG), "437", "--exporter", url + "/").out())
        .contains("  INVITE     " + rate + "/s over 15 s, 49 since start\n");

    JsonNode json =
        new ObjectMapper()
            .readTree(
                CliRun.of(new ExplainCommand(CATALOG), "437", "--format", "json", "--exporter", url)
                    .out());
    assertThat(json.get("code").asInt()).isEqualTo(437);
    assertThat(json.get("live").get("methods").get(0).get("total").asLong()).isEqualTo(49);
    assertThat(json.get("live").get("methods").get(0).get("perSecond").asDouble())
        .isEqualTo(49 / 15.0);
  }

  @Test
  void saysWhenTheExporterCannotBeReached() throws Exception {
    String dead = url;
    stop();
    CliRun run = CliRun.of(new ExplainCommand(CATALOG), "503", "--exporter", dead);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("503 Service Unavailable\n")
        .contains("Live rate by method: cannot reach " + dead);
  }
}
