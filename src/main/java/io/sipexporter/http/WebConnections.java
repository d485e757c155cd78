package io.sipexporter.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sipexporter.metrics.SipMeters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps idle and half-sent connections from filling the web server, so {@code /metrics} answers
 * while someone holds connections open: a connection whose request headers are not complete within
 * the read-header timeout is closed, and beyond the cap a new connection evicts the oldest one with
 * no request in progress (refused only when every one is busy). Both are counted in {@code
 * sip_exporter_limits_reached_total{input="web"}}. A kept-alive connection waiting for its next
 * request is closed after the same time, uncounted, as Go's net/http does. Runs on the web event
 * loop only.
 */
final class WebConnections {
  private final Vertx vertx;
  private final WebLimits limits;
  private final Counter capped;
  private final Counter headerTimeouts;
  // oldest first: eviction takes the first idle one
  private final Map<HttpConnection, State> open = new LinkedHashMap<>();

  private static final class State {
    long timer = -1;
    int inFlight;
  }

  WebConnections(Vertx vertx, WebLimits limits, MeterRegistry registry) {
    this.vertx = vertx;
    this.limits = limits;
    this.capped = limit(registry, "web_max_connections");
    this.headerTimeouts = limit(registry, "web_read_header_timeout");
  }

  private static Counter limit(MeterRegistry registry, String name) {
    return Counter.builder(SipMeters.LIMITS_REACHED.meterName())
        .description(SipMeters.LIMITS_REACHED.help())
        .tag("input", "web")
        .tag("limit", name)
        .register(registry);
  }

  /** A new connection: the server's connection handler. */
  void opened(HttpConnection connection) {
    if (open.size() >= limits.maxConnections() && !evictOldestIdle()) {
      capped.increment();
      connection.close();
      return;
    }
    State state = new State();
    open.put(connection, state);
    connection.closeHandler(v -> forget(connection));
    arm(connection, state, true);
  }

  /** Complete request headers arrived on the request's connection. */
  void requestStarted(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    State state = open.get(connection);
    if (state == null) {
      return; // closed meanwhile
    }
    cancel(state);
    state.inFlight++;
    request
        .response()
        .endHandler(
            v -> {
              if (open.get(connection) == state && --state.inFlight == 0) {
                arm(connection, state, false);
              }
            });
  }

  private boolean evictOldestIdle() {
    for (Iterator<Map.Entry<HttpConnection, State>> it = open.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<HttpConnection, State> e = it.next();
      if (e.getValue().inFlight == 0) {
        it.remove();
        cancel(e.getValue());
        capped.increment();
        e.getKey().close();
        return true;
      }
    }
    return false;
  }

  /** Closes the connection unless a request starts in time; only a first request's wait counts. */
  private void arm(HttpConnection connection, State state, boolean counted) {
    state.timer =
        vertx.setTimer(
            limits.readHeaderTimeout().toMillis(),
            id -> {
              state.timer = -1;
              if (open.remove(connection) == state && state.inFlight == 0) {
                if (counted) {
                  headerTimeouts.increment();
                }
                connection.close();
              }
            });
  }

  private void forget(HttpConnection connection) {
    State state = open.remove(connection);
    if (state != null) {
      cancel(state);
    }
  }

  private void cancel(State state) {
    if (state.timer >= 0) {
      vertx.cancelTimer(state.timer);
      state.timer = -1;
    }
  }
}
