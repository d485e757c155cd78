package io.sipexporter.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the web config file, and the PEM files it names, every few seconds: when what they hold
 * changes, the new config is checked and applied; a broken one is logged (once per distinct error)
 * and the running one kept. Files are read on a worker thread, never the event loop.
 *
 * <pre>{@code
 * WebConfigWatcher watcher = new WebConfigWatcher(vertx, Duration.ofSeconds(5), config, next -> apply(next));
 * watcher.start();
 * }</pre>
 */
public final class WebConfigWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(WebConfigWatcher.class);

  private final Vertx vertx;
  private final Duration interval;
  private final Function<WebConfig, Future<?>> apply;
  private WebConfig running;
  private String lastError;
  private boolean polling;
  private long timer = -1;

  /**
   * {@code apply} installs a new config, or fails to keep the running one; it runs on the event
   * loop.
   */
  public WebConfigWatcher(
      Vertx vertx, Duration interval, WebConfig initial, Function<WebConfig, Future<?>> apply) {
    this.vertx = vertx;
    this.interval = interval;
    this.running = initial;
    this.apply = apply;
  }

  /** Starts polling; call from the verticle's context so callbacks run on its event loop. */
  public void start() {
    timer = vertx.setPeriodic(interval.toMillis(), id -> poll());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void poll() {
    if (polling) {
      return; // the previous check is still running: slow disk, or a slow apply
    }
    polling = true;
    WebConfig current = running;
    vertx
        .executeBlocking(
            () ->
                MessageDigest.isEqual(
                        WebConfig.fingerprint(current.watched()), current.fingerprint())
                    ? null
                    : WebConfig.load(current.file()),
            false)
        .compose(next -> next == null ? Future.succeededFuture() : apply.apply(next).map(v -> next))
        .onComplete(
            done -> {
              polling = false;
              if (done.succeeded()) {
                if (done.result() != null) {
                  running = done.result();
                  lastError = null;
                  LOG.info(
                      "web config {} reloaded: TLS {}, {} basic-auth user(s)",
                      running.file(),
                      running.tls() == null ? "off" : "on",
                      running.users().size());
                }
              } else {
                Throwable cause = done.cause();
                String error = cause.getMessage() != null ? cause.getMessage() : cause.toString();
                if (!error.equals(lastError)) {
                  LOG.error("web config not reloaded, keeping the running one: {}", error);
                  lastError = error;
                }
              }
            });
  }
}
