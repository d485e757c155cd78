package io.sipexporter.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sipexporter.config.ConfigReloader;
import io.sipexporter.core.ListenAddress;
import io.sipexporter.core.ThrottledLog;
import io.sipexporter.metrics.SipMeters;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The exporter's HTTP server: metrics, landing page, health, and whatever pages {@link WebRoutes}
 * holds. It runs on its own Vert.x instance, so SIP floods never delay a scrape. With a {@link
 * WebConfig} it serves HTTPS and asks every path for basic-auth credentials, as exporter-toolkit
 * does, and follows changes to the config file.
 */
public final class WebVerticle extends VerticleBase {
  /** How often the web config file is checked for changes. */
  public static final Duration RELOAD_INTERVAL = Duration.ofSeconds(5);

  // bcrypt runs on the one worker thread; beyond this many waiting, answer 503 rather than queue
  private static final int MAX_PENDING_VERIFICATIONS = 16;
  private static final String CHALLENGE = "Basic realm=\"sip-exporter\", charset=\"UTF-8\"";
  private static final ThrottledLog LOG = new ThrottledLog(WebVerticle.class);

  private final ListenAddress address;
  private final WebRoutes routes;
  private final WebConfig config;
  private final Duration reloadInterval;
  private final WebLimits limits;
  private final MeterRegistry registry;
  private HttpServer server;
  private BasicAuth auth = BasicAuth.of(Map.of());
  private int pendingVerifications;
  private WebConfigWatcher watcher;
  private ConfigReloader<WebConfig> reloader;
  private long rateTimer = -1;

  /** A plain HTTP server with the default limits, which it counts nowhere (replay's pages). */
  public WebVerticle(ListenAddress address, WebRoutes routes) {
    this(address, routes, null, WebLimits.DEFAULTS, new SimpleMeterRegistry());
  }

  /**
   * A server secured by {@code config} (null for plain HTTP, no authentication) within {@code
   * limits}; the limits reached, reloads and certificate expiry are counted in {@code registry}.
   */
  public WebVerticle(
      ListenAddress address,
      WebRoutes routes,
      WebConfig config,
      WebLimits limits,
      MeterRegistry registry) {
    this(address, routes, config, limits, registry, RELOAD_INTERVAL);
  }

  WebVerticle(
      ListenAddress address,
      WebRoutes routes,
      WebConfig config,
      WebLimits limits,
      MeterRegistry registry,
      Duration reloadInterval) {
    this.address = address;
    this.routes = routes;
    this.config = config;
    this.limits = limits;
    this.registry = registry;
    this.reloadInterval = reloadInterval;
  }

  /** Whether the server speaks HTTPS. */
  public boolean tls() {
    return config != null && config.tls() != null;
  }

  /** The bound address; valid once started. */
  public ListenAddress boundAddress() {
    return address.withPort(server.actualPort());
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = tls() ? config.tls().serverOptions() : new HttpServerOptions();
    // gzip or deflate when the client asks (Prometheus always sends Accept-Encoding: gzip)
    options.setCompressionSupported(true);
    // HTTP/1.1 only. With h2c on, Vert.x waits for a connection's first bytes to tell HTTP/2 from
    // HTTP/1 before the connection handler sees it, so a silent connection escaped the limits; and
    // after an upgrade whose first request took identity, Vert.x 5.0.7 labels later HTTP/2
    // responses gzip but sends them plain (MetricsExpositionIT). Prometheus never asks for h2c
    options.setHttp2ClearTextEnabled(false);
    options.setSslHandshakeTimeout(limits.readHeaderTimeout().toMillis());
    options.setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
    if (config != null) {
      auth = BasicAuth.of(config.users());
      reloader = reloadRule();
    }
    WebConnections connections = new WebConnections(vertx, limits, registry);
    server =
        vertx
            .createHttpServer(options)
            .connectionHandler(connections::opened)
            .requestHandler(
                request -> {
                  connections.requestStarted(request);
                  authenticate(request);
                })
            // failed TLS handshakes (plain HTTP, no client certificate) end here
            .exceptionHandler(
                e -> LOG.debug("web-connection", "web connection failed: {}", e.toString()));
    return server
        .listen(address.port(), address.host())
        .onSuccess(
            s -> {
              // the code pages' live rates: snapshots on this event loop, never on the SIP loops
              CodeRates rates = routes.codeRates();
              rates.snapshot();
              rateTimer = vertx.setPeriodic(rates.interval().toMillis(), id -> rates.snapshot());
              if (config != null) {
                watcher = new WebConfigWatcher(vertx, reloadInterval, reloader, this::apply);
                watcher.start();
              }
            });
  }

  /** The reload rule over {@link #config}, and the expiry of the certificate it serves. */
  private ConfigReloader<WebConfig> reloadRule() {
    ConfigReloader<WebConfig> rule = WebConfigWatcher.reloader(config, registry);
    if (tls()) { // a reload never turns TLS off, so the running config always has a certificate
      Gauge.builder(
              SipMeters.TLS_CERTIFICATE_EXPIRY.meterName(),
              () -> rule.running().tls().notAfter().getEpochSecond())
          .description(SipMeters.TLS_CERTIFICATE_EXPIRY.help())
          .baseUnit(SipMeters.TLS_CERTIFICATE_EXPIRY.baseUnit())
          .tag("config", "web")
          .register(registry);
    }
    return rule;
  }

  @Override
  public Future<?> stop() {
    if (watcher != null) {
      watcher.stop();
    }
    vertx.cancelTimer(rateTimer);
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** Installs a changed web config: new certificates first, then the new users. */
  private Future<?> apply(WebConfig next) {
    if ((next.tls() != null) != tls()) {
      return Future.failedFuture(
          new IllegalArgumentException(
              next.file()
                  + ": tls_server_config: turning TLS "
                  + (tls() ? "off" : "on")
                  + " needs a restart"));
    }
    Future<?> certificates =
        tls() ? server.updateSSLOptions(next.tls().sslOptions(), true) : Future.succeededFuture();
    return certificates.map(
        updated -> {
          auth = auth.withUsers(next.users());
          return null;
        });
  }

  private void authenticate(HttpServerRequest request) {
    if (!auth.enabled()) {
      handle(request);
      return;
    }
    BasicAuth.Credentials credentials =
        BasicAuth.Credentials.parse(request.getHeader("Authorization"));
    Boolean known = auth.cached(credentials);
    if (known != null) {
      answer(request, known);
      return;
    }
    if (pendingVerifications >= MAX_PENDING_VERIFICATIONS) {
      request
          .response()
          .setStatusCode(503)
          .putHeader("Retry-After", "1")
          .end("too many logins being checked\n");
      return;
    }
    pendingVerifications++;
    BasicAuth checking = auth;
    vertx
        .executeBlocking(() -> checking.verify(credentials), false) // bcrypt: tens of milliseconds
        .onComplete(
            verified -> {
              pendingVerifications--;
              answer(request, verified.succeeded() && verified.result());
            });
  }

  private void answer(HttpServerRequest request, boolean authenticated) {
    if (authenticated) {
      handle(request);
    } else {
      request
          .response()
          .setStatusCode(401)
          .putHeader("WWW-Authenticate", CHALLENGE)
          .end("Unauthorized\n");
    }
  }

  private void handle(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
      response.setStatusCode(405).putHeader("Allow", "GET, HEAD").end();
      return;
    }
    WebPage page;
    try {
      page = routes.render(request.path(), request.getHeader("Accept"));
    } catch (RuntimeException e) {
      page = WebPage.text(500, "internal error: " + e);
    }
    response.setStatusCode(page.status()).putHeader("Content-Type", page.contentType());
    if (HttpMethod.HEAD.equals(request.method())) {
      response
          .putHeader(
              "Content-Length",
              Integer.toString(
                  page.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length))
          .end();
    } else {
      response.end(page.body());
    }
  }
}
