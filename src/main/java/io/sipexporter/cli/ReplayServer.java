package io.sipexporter.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.catalog.ResponseCodeCatalog;
import io.sipexporter.core.ListenAddress;
import io.sipexporter.http.CodeRates;
import io.sipexporter.http.CodeRoutes;
import io.sipexporter.http.LandingPage;
import io.sipexporter.http.WebRoutes;
import io.sipexporter.http.WebVerticle;
import io.sipexporter.metrics.BuildInfo;
import io.sipexporter.metrics.TrafficCounters;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code replay --serve}: the exporter's web pages over a replay's registry, on their own event
 * loop.
 */
final class ReplayServer implements AutoCloseable {
  private final Vertx vertx;
  private final ListenAddress address;

  private ReplayServer(Vertx vertx, ListenAddress address) {
    this.vertx = vertx;
    this.address = address;
  }

  /** Binds {@code listen}; the exception message says why it could not. */
  static ReplayServer start(
      ListenAddress listen,
      PrometheusMeterRegistry registry,
      ResponseCodeCatalog catalog,
      TrafficCounters counters,
      BuildInfo build,
      String source) {
    LandingPage landing =
        new LandingPage(
            build.version() + " (" + build.revision() + ")",
            List.of(
                "capture " + (source.equals("-") ? "from standard input" : source) + " (replay)"),
            LandingPage.pages("/metrics"));
    WebRoutes routes =
        new WebRoutes(
            registry,
            "/metrics",
            landing,
            () -> true,
            new CodeRoutes(catalog, counters::responsesWithCode, new CodeRates(registry)));
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    WebVerticle web = new WebVerticle(listen, routes);
    try {
      vertx.deployVerticle(web).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
      throw new IllegalStateException(
          "cannot start web server on " + listen + ": " + cause.getMessage(), cause);
    }
    return new ReplayServer(vertx, web.boundAddress());
  }

  ListenAddress address() {
    return address;
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // best effort: the process is ending
    }
  }
}
