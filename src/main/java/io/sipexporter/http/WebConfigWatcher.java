package io.sipexporter.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.sipexporter.config.ConfigReloader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the web config file, and the PEM files it names, every few seconds: when what they hold
 * changes, the new config is checked and applied; a broken one, or one that would weaken a security
 * setting ({@link WebDowngrade}), is rejected through the {@link ConfigReloader}: logged once per
 * distinct error, counted in its self-metric, and the running one kept. Files are read on a worker
 * thread, never the event loop.
 *
 * <pre>{@code
 * WebConfigWatcher watcher = new WebConfigWatcher(vertx, Duration.ofSeconds(5), reloader, next -> apply(next));
 * watcher.start();
 * }</pre>
 */
public final class WebConfigWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(WebConfigWatcher.class);

  private final Vertx vertx;
  private final Duration interval;
  private final Function<WebConfig, Future<?>> apply;
  private final ConfigReloader<WebConfig> reloader;
  private boolean polling;
  private long timer = -1;

  /**
   * {@code apply} installs a new config, or fails to keep the running one; it runs on the event
   * loop.
   */
  public WebConfigWatcher(
      Vertx vertx,
      Duration interval,
      ConfigReloader<WebConfig> reloader,
      Function<WebConfig, Future<?>> apply) {
    this.vertx = vertx;
    this.interval = interval;
    this.reloader = reloader;
    this.apply = apply;
  }

  /**
   * The reload rule for web configs, starting from {@code initial}, counted in {@code registry}.
   */
  public static ConfigReloader<WebConfig> reloader(WebConfig initial, MeterRegistry registry) {
    return new ConfigReloader<>("web", initial, WebDowngrade::of, registry, Clock.systemUTC());
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
    WebConfig current = reloader.running();
    vertx
        .executeBlocking(
            () -> {
              if (MessageDigest.isEqual(
                  WebConfig.fingerprint(current.watched()), current.fingerprint())) {
                return null;
              }
              WebConfig loaded = WebConfig.load(current.file());
              // written back to the running version between the two reads: nothing to apply
              return MessageDigest.isEqual(loaded.fingerprint(), current.fingerprint())
                  ? null
                  : loaded;
            },
            false)
        .compose(
            next ->
                next == null
                    ? Future.succeededFuture()
                    : Future.succeededFuture(next)
                        .map(reloader::check)
                        .compose(checked -> apply.apply(checked).map(v -> checked)))
        .onComplete(
            done -> {
              polling = false;
              if (done.failed()) {
                reloader.failed(done.cause());
              } else if (done.result() == null) {
                reloader.unchanged();
              } else {
                WebConfig running = (WebConfig) done.result();
                reloader.applied(running);
                LOG.info(
                    "web config {} reloaded: TLS {}, {} basic-auth user(s)",
                    running.file(),
                    running.tls() == null ? "off" : "on",
                    running.users().size());
              }
            });
  }
}
