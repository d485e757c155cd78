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

  private static final int LARGEST_TAKE = 32;

  /** The {@code metric} label of a new label set (peer, direction, node) folded whole. */
  static final String LABEL_SET = "label_set";

  private final int limit;
  private final AtomicInteger used = new AtomicInteger();
  private final MeterRegistry registry;
  private final ConcurrentMap<String, Counter> folded = new ConcurrentHashMap<>();

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
        folded(meter.prometheusName()).increment(series);
        return false;
      }
    } while (!used.compareAndSet(now, now + series));
    return true;
  }

  /** Counts a new label set folded whole, before it had a series, once the budget was spent. */
  void labelSetFolded() {
    folded(LABEL_SET).increment();
  }

  private Counter folded(String metric) {
    return folded.computeIfAbsent(
        metric,
        m ->
            Counter.builder(SipMeters.SERIES_FOLDED.meterName())
                .description(SipMeters.SERIES_FOLDED.help())
                .tag("metric", m)
                .register(registry));
  }

  /**
   * True when fewer series are left than one new label set of a meter may need at once (a
   * histogram's 18 lines, the request counters of every method): new label sets then fold whole.
   */
  boolean spent() {
    return used.get() > limit - LARGEST_TAKE;
  }

  /** Series taken so far. */
  public int used() {
    return used.get();
  }
}
