package io.sipexporter.http;

import io.sipexporter.cli.ListenAddress;
import io.sipexporter.ingest.ThrottledLog;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.Map;

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
  private HttpServer server;
  private BasicAuth auth = BasicAuth.of(Map.of());
  private int pendingVerifications;
  private WebConfigWatcher watcher;
  private long rateTimer = -1;

  public WebVerticle(ListenAddress address, WebRoutes routes) {
    this(address, routes, null, RELOAD_INTERVAL);
  }

  /** A server secured by {@code config} (null for plain HTTP, no authentication). */
  public WebVerticle(ListenAddress address, WebRoutes routes, WebConfig config) {
    this(address, routes, config, RELOAD_INTERVAL);
  }

  WebVerticle(ListenAddress address, WebRoutes routes, WebConfig config, Duration reloadInterval) {
    this.address = address;
    this.routes = routes;
    this.config = config;
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
    if (config != null) {
      auth = BasicAuth.of(config.users());
    }
    server =
        vertx
            .createHttpServer(options)
            .requestHandler(this::authenticate)
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
                watcher = new WebConfigWatcher(vertx, reloadInterval, config, this::apply);
                watcher.start();
              }
            });
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
    if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
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
    if (request.method() == HttpMethod.HEAD) {
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
