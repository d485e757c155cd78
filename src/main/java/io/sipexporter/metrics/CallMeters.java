package io.sipexporter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sipexporter.sip.SipMessage;
import java.util.concurrent.atomic.LongAdder;

/**
 * The call (INVITE dialog) meters, resolved once. Thread-safe: every event loop's tracker shares
 * one.
 */
public final class CallMeters {
  /** Call durations: from a one-second hang-up to the four-hour default maximum. */
  static final double[] DURATION_BUCKETS = {
    1, 5, 10, 30, 60, 120, 180, 300, 600, 1200, 1800, 3600, 7200, 14400
  };

  /** Who ended a call: the {@code by} label. */
  public enum EndedBy {
    CALLER,
    CALLEE,
    TIMEOUT;

    final String label = name().toLowerCase(java.util.Locale.ROOT);
  }

  private final LongAdder active = new LongAdder();
  private final LongAdder tracked = new LongAdder();
  private final Timer duration;
  private final Counter[] ended = new Counter[EndedBy.values().length];
  private final Counter evicted;
  private final CallIdExemplars exemplars;

  public CallMeters(MeterRegistry registry) {
    this(registry, null);
  }

  /** Meters whose call-duration histogram offers the Call-ID as exemplar, when not null. */
  public CallMeters(MeterRegistry registry, CallIdExemplars exemplars) {
    this.exemplars = exemplars;
    Gauge.builder(SipMeters.CALLS_ACTIVE.meterName(), active, LongAdder::sum)
        .description(SipMeters.CALLS_ACTIVE.help())
        .register(registry);
    Gauge.builder(SipMeters.CALLS_TRACKED.meterName(), tracked, LongAdder::sum)
        .description(SipMeters.CALLS_TRACKED.help())
        .register(registry);
    duration =
        TransactionMeters.histogram(SipMeters.CALL_DURATION, DURATION_BUCKETS).register(registry);
    for (EndedBy by : EndedBy.values()) {
      ended[by.ordinal()] =
          TransactionMeters.counter(SipMeters.CALLS_ENDED).tag("by", by.label).register(registry);
    }
    evicted = TransactionMeters.counter(SipMeters.CALLS_EVICTED).register(registry);
  }

  /** A call was answered: one more active. */
  public void answered() {
    active.increment();
  }

  /** An answered call ended by {@code bye} after {@code durationNanos}. */
  public void ended(EndedBy by, long durationNanos, SipMessage bye) {
    active.decrement();
    ended[by.ordinal()].increment();
    TransactionMeters.record(duration, durationNanos, bye, exemplars);
  }

  /**
   * An answered call reached the maximum duration without a BYE: counted, but not as a duration.
   */
  public void timedOut() {
    active.decrement();
    ended[EndedBy.TIMEOUT.ordinal()].increment();
  }

  /**
   * A call or attempt was dropped from a full table; {@code answered} when it was an active call.
   */
  public void evicted(boolean answered) {
    if (answered) {
      active.decrement();
    }
    evicted.increment();
  }

  /** Adds {@code delta} to the tracked-calls gauge. */
  public void tracked(int delta) {
    tracked.add(delta);
  }
}
