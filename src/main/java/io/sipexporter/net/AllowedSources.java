package io.sipexporter.net;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sipexporter.core.Input;
import io.sipexporter.metrics.SipMeters;
import java.net.InetAddress;

/**
 * One input's {@link SourceFilter} at the socket: a datagram or TCP connection from outside it is
 * dropped unread and counted as {@code sip_exporter_messages_dropped_total{reason=
 * "source_not_allowed"}}. Shared by every listener instance of the input.
 */
public final class AllowedSources {
  private final SourceFilter filter;
  private final Counter dropped;

  public AllowedSources(MeterRegistry registry, Input input, SourceFilter filter) {
    this.filter = filter;
    this.dropped =
        Counter.builder(SipMeters.MESSAGES_DROPPED.meterName())
            .description(SipMeters.MESSAGES_DROPPED.help())
            .tag("input", input.label())
            .tag("reason", "source_not_allowed")
            .register(registry);
  }

  /** Whether {@code sender} (null: unknown) may send to this input; counts it when it may not. */
  public boolean admit(InetAddress sender) {
    if (filter.allowsAll() || (sender != null && filter.allows(sender))) {
      return true;
    }
    dropped.increment();
    return false;
  }

  /** Whether every sender is taken, so no check is needed. */
  public boolean allowsAll() {
    return filter.allowsAll();
  }

  @Override
  public String toString() {
    return filter.toString();
  }
}
