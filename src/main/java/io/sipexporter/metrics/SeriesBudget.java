package io.sipexporter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code --metrics.series-budget}: how many series carrying a {@code node} or {@code peer} value of
 * their own the SIP meters may create, in all. A series that would exceed it is counted under the
 * folded label set ({@code other}) instead, and {@code sip_exporter_series_folded_total{metric}}
 * says so. Without a budget, 1,000 HEP nodes with varied codes reached 238k series and a 17.8 MB
 * scrape. Thread-safe.
 *
 * <pre>{@code
 * SeriesBudget budget = new SeriesBudget(5000, registry);
 * if (!budget.take(18, SipMeters.TRANSACTION_DURATION)) { ... use the folded set ... }
 * }</pre>
 */
public final class SeriesBudget {
  /** The default: about 1 MB of scrape at about 130 bytes a labelled series line. */
  public static final int DEFAULT = 5000;

  private final int limit;
  private final AtomicInteger used = new AtomicInteger();
  private final MeterRegistry registry;
  private final ConcurrentMap<SipMeters, Counter> folded = new ConcurrentHashMap<>();

  public SeriesBudget(int limit, MeterRegistry registry) {
    if (limit < 0) {
      throw new IllegalArgumentException("the series budget must be 0 or more, not " + limit);
    }
    this.limit = limit;
    this.registry = registry;
  }

  /** Exposes how much is spent and the limit: once, when some meter carries node or peer. */
  void expose() {
    Gauge.builder(SipMeters.SERIES_BUDGET_USED.meterName(), used, AtomicInteger::get)
        .description(SipMeters.SERIES_BUDGET_USED.help())
        .register(registry);
    Gauge.builder(SipMeters.SERIES_BUDGET_LIMIT.meterName(), () -> this.limit)
        .description(SipMeters.SERIES_BUDGET_LIMIT.help())
        .register(registry);
  }

  /**
   * Takes {@code series} from the budget for one new label set of {@code meter}: true when they
   * fit, else false and the refusal counted.
   */
  boolean take(int series, SipMeters meter) {
    int now;
    do {
      now = used.get();
      if (now > limit - series) {
        folded
            .computeIfAbsent(
                meter,
                m ->
                    Counter.builder(SipMeters.SERIES_FOLDED.meterName())
                        .description(SipMeters.SERIES_FOLDED.help())
                        .tag("metric", m.prometheusName())
                        .register(registry))
            .increment(series);
        return false;
      }
    } while (!used.compareAndSet(now, now + series));
    return true;
  }

  /** Series taken so far. */
  public int used() {
    return used.get();
  }
}
