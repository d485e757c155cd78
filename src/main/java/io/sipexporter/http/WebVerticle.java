package io.sipexporter.http;

import io.sipexporter.cli.ListenAddress;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The exporter's HTTP server: metrics, landing page, health, and whatever pages {@link WebRoutes}
 * holds. It runs on its own Vert.x instance, so SIP floods never delay a scrape.
 */
public final class WebVerticle extends VerticleBase {
  private final ListenAddress address;
  private final WebRoutes routes;
  private HttpServer server;

  public WebVerticle(ListenAddress address, WebRoutes routes) {
    this.address = address;
    this.routes = routes;
  }

  /** The bound address; valid once started. */
  public ListenAddress boundAddress() {
    return address.withPort(server.actualPort());
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer().requestHandler(this::handle);
    return server.listen(address.port(), address.host());
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
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
      response.putHeader("Content-Length", Integer.toString(page.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)).end();
    } else {
      response.end(page.body());
    }
  }
}
