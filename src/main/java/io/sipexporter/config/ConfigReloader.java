package io.sipexporter.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sipexporter.metrics.SipMeters;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule every reloadable file follows: a new version replaces the running one only when it is
 * valid and weakens no security setting; otherwise the running one stays, an ERROR says why, and
 * {@code sip_exporter_config_last_reload_successful{config}} is 0 until a good reload. Weakening
 * needs a restart, so a truncated or half-written file never opens the port.
 *
 * <pre>{@code
 * ConfigReloader<WebConfig> web =
 *     new ConfigReloader<>("web", initial, WebDowngrade::of, registry, Clock.systemUTC());
 * try {
 *   install(web.check(WebConfig.load(file)));
 *   web.applied(next);
 * } catch (IllegalArgumentException e) {
 *   web.failed(e);
 * }
 * }</pre>
 *
 * <p>Not thread-safe: call it from one thread (the web event loop).
 *
 * @param <T> the checked, loaded form of the file
 */
public final class ConfigReloader<T> {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

  /**
   * Why {@code next} would weaken a security setting of {@code running}, or null if it does not.
   */
  @FunctionalInterface
  public interface Downgrade<T> {
    String of(T running, T next);
  }

  private final String config;
  private final Downgrade<T> downgrade;
  private final Clock clock;
  private volatile T running;
  private volatile double successful = 1;
  private volatile double successSeconds;
  private String lastError;

  /** Starts from {@code initial}, loaded at start-up: the last reload counts as a success now. */
  public ConfigReloader(
      String config, T initial, Downgrade<T> downgrade, MeterRegistry registry, Clock clock) {
    this.config = config;
    this.running = initial;
    this.downgrade = downgrade;
    this.clock = clock;
    this.successSeconds = clock.millis() / 1000.0;
    gauge(registry, SipMeters.CONFIG_LAST_RELOAD_SUCCESSFUL, r -> r.successful);
    gauge(registry, SipMeters.CONFIG_LAST_RELOAD_SUCCESS_TIMESTAMP, r -> r.successSeconds);
  }

  private void gauge(
      MeterRegistry registry,
      SipMeters meter,
      java.util.function.ToDoubleFunction<ConfigReloader<T>> value) {
    Gauge.builder(meter.meterName(), this, value)
        .description(meter.help())
        .baseUnit(meter.baseUnit().isEmpty() ? null : meter.baseUnit())
        .tag("config", config)
        .strongReference(true)
        .register(registry);
  }

  /** The config in use. */
  public T running() {
    return running;
  }

  /**
   * {@code next} when it may replace the running config; an IllegalArgumentException saying which
   * setting it would weaken otherwise.
   */
  public T check(T next) {
    String weakens = downgrade.of(running, next);
    if (weakens != null) {
      throw new IllegalArgumentException(weakens + " (a weaker setting needs a restart)");
    }
    return next;
  }

  /** Records that {@code next} is installed. */
  public void applied(T next) {
    running = next;
    successful = 1;
    successSeconds = clock.millis() / 1000.0;
    lastError = null;
  }

  /**
   * Records that the files hold the running config again (a rejected edit was undone): the last
   * reload's failure no longer stands.
   */
  public void unchanged() {
    if (successful == 0) {
      successful = 1;
      lastError = null;
      LOG.info("{} config files hold the running config again", config);
    }
  }

  /** Records a reload that failed (unreadable, invalid, or weakening): the running one stays. */
  public void failed(Throwable cause) {
    successful = 0;
    String error = cause.getMessage() != null ? cause.getMessage() : cause.toString();
    if (!error.equals(lastError)) { // the file is polled: log each distinct error once
      LOG.error("{} config not reloaded, keeping the running one: {}", config, error);
      lastError = error;
    }
  }
}
