package io.sipexporter.net;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sipexporter.core.Input;
import io.sipexporter.metrics.SipMeters;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The limits that keep TCP peers from holding the exporter's resources: how many connections may be
 * open at once, and how long one may go without delivering a whole message (a silent peer or one
 * that trickles a message byte by byte). Shared by every listener instance of one input.
 */
public final class ConnectionLimits {
  private final int maxConnections;
  private final long idleNanos;
  private final AtomicInteger open = new AtomicInteger();
  private final Counter refused;
  private final Counter idleClosed;

  public ConnectionLimits(
      MeterRegistry registry, Input input, int maxConnections, Duration idleTimeout) {
    this.maxConnections = maxConnections;
    this.idleNanos = idleTimeout.toNanos();
    Gauge.builder(SipMeters.TCP_CONNECTIONS.meterName(), open, AtomicInteger::get)
        .description(SipMeters.TCP_CONNECTIONS.help())
        .tag("input", input.label())
        .register(registry);
    refused = limit(registry, input, "tcp_max_connections");
    idleClosed = limit(registry, input, "tcp_idle_timeout");
  }

  private static Counter limit(MeterRegistry registry, Input input, String name) {
    return Counter.builder(SipMeters.LIMITS_REACHED.meterName())
        .description(SipMeters.LIMITS_REACHED.help())
        .tag("input", input.label())
        .tag("limit", name)
        .register(registry);
  }

  /** Takes a connection slot; false (and counted) when every slot is taken. */
  public boolean tryOpen() {
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      refused.increment();
      return false;
    }
    return true;
  }

  /** Gives back a slot taken by {@link #tryOpen()}. */
  public void closed() {
    open.decrementAndGet();
  }

  /**
   * True when a connection whose last whole message came at {@code lastMessageNanos} is idle too
   * long.
   */
  public boolean idleTooLong(long lastMessageNanos, long nowNanos) {
    return nowNanos - lastMessageNanos > idleNanos;
  }

  /** Counts a connection closed for idling. */
  public void countIdleClose() {
    idleClosed.increment();
  }

  /** The idle limit, for the sweep interval. */
  public Duration idleTimeout() {
    return Duration.ofNanos(idleNanos);
  }
}
