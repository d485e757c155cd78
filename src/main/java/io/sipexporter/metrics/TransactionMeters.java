package io.sipexporter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sipexporter.sip.SipMessage;
import io.sipexporter.sip.SipMethod;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The transaction meters, resolved once (or on first use) and kept in arrays indexed by method and
 * code. Thread-safe: the trackers of every event loop share one instance.
 */
public final class TransactionMeters {
  /** Non-INVITE transactions finish in milliseconds; INVITEs ring up to Timer C (RFC 3261 16.6). */
  static final double[] DURATION_BUCKETS = {
    0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 32, 64, 120, 180
  };

  /** Post-dial delay: sub-second on-net, several seconds through the PSTN. */
  static final double[] PDD_BUCKETS = {0.1, 0.25, 0.5, 1, 1.5, 2, 3, 4, 5, 7.5, 10, 15, 20, 30, 60};

  private static final int FIRST_CODE = 100;
  private static final int CODES = 600; // RFC 3261 7.2: 100-699
  private static final int CLASSES = 6;

  private final MeterRegistry registry;
  private final CallIdExemplars exemplars;
  private final CodeLabels codeLabels;
  private final LabelSets sets;
  // by (label set, method): a row of CODES counters, resolved at first use
  private final AtomicReferenceArray<AtomicReferenceArray<Counter>> transactions;
  // by label set: a row of (method, class) histograms, resolved at first use
  private final AtomicReferenceArray<AtomicReferenceArray<Timer>> durations;
  private final AtomicReferenceArray<Timer> postDialDelays; // by label set
  private final AtomicReferenceArray<Counter> timedOutBySet; // by (label set, method), with peers
  private final Counter[] timedOut = new Counter[SipMethod.count()];
  private final Counter[] unmatched = new Counter[SipMethod.count()];
  private final Counter[][] retransmissions = new Counter[SipMethod.count()][2];
  private final Counter[] reordered = new Counter[SipMethod.count()];
  private final Counter evicted;
  private final Counter heldEvicted;
  private final LongAdder tracked = new LongAdder();

  public TransactionMeters(MeterRegistry registry) {
    this(registry, null);
  }

  /**
   * Meters whose duration histograms offer each observed message's Call-ID as exemplar, when {@code
   * exemplars} is not null (the context the registry was made with).
   */
  public TransactionMeters(MeterRegistry registry, CallIdExemplars exemplars) {
    this(registry, exemplars, CodeLabels.unbounded());
  }

  /** Meters whose {@code code} label values come from {@code codeLabels}. */
  public TransactionMeters(
      MeterRegistry registry, CallIdExemplars exemplars, CodeLabels codeLabels) {
    this(registry, exemplars, codeLabels, LabelSets.none());
  }

  /**
   * Meters whose transactions, durations and post-dial delays carry {@code peer} and {@code
   * direction} when {@code sets} has them: a transaction is counted in its final response's set.
   */
  public TransactionMeters(
      MeterRegistry registry, CallIdExemplars exemplars, CodeLabels codeLabels, LabelSets sets) {
    this.registry = registry;
    this.exemplars = exemplars;
    this.codeLabels = codeLabels;
    this.sets = sets;
    this.transactions = new AtomicReferenceArray<>(sets.capacity() * SipMethod.count());
    this.durations = new AtomicReferenceArray<>(sets.capacity());
    this.postDialDelays = new AtomicReferenceArray<>(sets.capacity());
    this.timedOutBySet =
        new AtomicReferenceArray<>(sets.peers() ? sets.capacity() * SipMethod.count() : 0);
    for (SipMethod m : SipMethod.values()) {
      String method = m.label();
      timedOut[m.ordinal()] =
          counter(SipMeters.TRANSACTIONS_TIMED_OUT).tag("method", method).register(registry);
      unmatched[m.ordinal()] =
          counter(SipMeters.UNMATCHED_RESPONSES).tag("method", method).register(registry);
      retransmissions[m.ordinal()][0] =
          counter(SipMeters.RETRANSMISSIONS)
              .tag("method", method)
              .tag("type", "request")
              .register(registry);
      retransmissions[m.ordinal()][1] =
          counter(SipMeters.RETRANSMISSIONS)
              .tag("method", method)
              .tag("type", "response")
              .register(registry);
      reordered[m.ordinal()] =
          counter(SipMeters.TRANSACTIONS_REORDERED).tag("method", method).register(registry);
    }
    if (!sets.peers()) {
      postDialDelays.set(0, pddTimer(0)); // exposed from the start, as before peers existed
    }
    evicted = counter(SipMeters.TRANSACTIONS_EVICTED).register(registry);
    heldEvicted = counter(SipMeters.HELD_RESPONSES_EVICTED).register(registry);
    Gauge.builder(SipMeters.TRANSACTIONS_TRACKED.meterName(), tracked, LongAdder::sum)
        .description(SipMeters.TRANSACTIONS_TRACKED.help())
        .register(registry);
  }

  /** Counts a transaction at its first final response {@code msg} and records how long it took. */
  public void completed(SipMethod method, int code, long durationNanos, SipMessage msg) {
    int set = msg == null ? 0 : setOf(msg.labelSet());
    transactions(set, method, code).increment();
    AtomicReferenceArray<Timer> row = durations.get(set);
    if (row == null) {
      durations.compareAndSet(set, null, new AtomicReferenceArray<>(SipMethod.count() * CLASSES));
      row = durations.get(set);
    }
    int t = method.ordinal() * CLASSES + (code / 100 - 1);
    Timer timer = row.get(t);
    if (timer == null) {
      int counted = sets.charge(set, DURATION_BUCKETS.length + 3, SipMeters.TRANSACTION_DURATION);
      timer =
          histogram(SipMeters.TRANSACTION_DURATION, DURATION_BUCKETS)
              .tag("method", method.label())
              .tag("class", (code / 100) + "xx")
              .tags(sets.tags(counted, false))
              .register(registry);
      row.compareAndSet(t, null, timer);
    }
    record(timer, durationNanos, msg, exemplars);
  }

  /**
   * Counts a transaction whose final response was seen before its request: once, like any other,
   * but without a duration, which the mirror's order does not tell. {@code set} is that response's.
   */
  public void completedReordered(SipMethod method, int code, int set) {
    transactions(setOf(set), method, code).increment();
  }

  /** The set to count in: transactions carry no {@code node}, so without peers every one is 0. */
  private int setOf(int set) {
    return sets.peers() ? set : 0;
  }

  /** A transaction whose request was seen after one of its responses, within the reorder window. */
  public void reordered(SipMethod method) {
    reordered[method.ordinal()].increment();
  }

  /** A response held for its request was dropped from a full table (and counted unmatched). */
  public void heldEvicted() {
    heldEvicted.increment();
  }

  private Counter transactions(int set, SipMethod method, int code) {
    int r = set * SipMethod.count() + method.ordinal();
    AtomicReferenceArray<Counter> row = transactions.get(r);
    if (row == null) {
      transactions.compareAndSet(r, null, new AtomicReferenceArray<>(CODES));
      row = transactions.get(r);
    }
    Counter counter = row.get(code - FIRST_CODE);
    if (counter == null) {
      int counted = sets.charge(set, 1, SipMeters.TRANSACTIONS);
      counter =
          counter(SipMeters.TRANSACTIONS)
              .tag("method", method.label())
              .tag("code", codeLabels.label(code))
              .tag("class", (code / 100) + "xx")
              .tags(sets.tags(counted, false))
              .register(registry);
      row.compareAndSet(code - FIRST_CODE, null, counter);
    }
    return counter;
  }

  private Timer pddTimer(int set) {
    int counted = sets.charge(set, PDD_BUCKETS.length + 3, SipMeters.INVITE_POST_DIAL_DELAY);
    return histogram(SipMeters.INVITE_POST_DIAL_DELAY, PDD_BUCKETS)
        .tags(sets.tags(counted, false))
        .register(registry);
  }

  /** The post-dial delay of an INVITE, ended by response {@code msg}. */
  public void postDialDelay(long nanos, SipMessage msg) {
    int set = msg == null ? 0 : setOf(msg.labelSet());
    Timer timer = postDialDelays.get(set);
    if (timer == null) {
      postDialDelays.compareAndSet(set, null, pddTimer(set));
      timer = postDialDelays.get(set);
    }
    record(timer, nanos, msg, exemplars);
  }

  /** Records on {@code timer}; with exemplars on, {@code msg}'s Call-ID may become one. */
  static void record(Timer timer, long nanos, SipMessage msg, CallIdExemplars exemplars) {
    if (exemplars == null) {
      timer.record(nanos, TimeUnit.NANOSECONDS);
    } else {
      exemplars.record(timer, nanos, msg);
    }
  }

  public void timedOut(SipMethod method) {
    timedOut[method.ordinal()].increment();
  }

  /**
   * A transaction that timed out, whose request was counted in {@code requestSet}: under {@code
   * --peers.file} counted by the peer that should have answered ({@code direction="in"} when we
   * sent it the request), as a final response from it would have been.
   */
  public void timedOut(SipMethod method, int requestSet) {
    if (!sets.peers() || requestSet == 0) {
      timedOut(method);
      return;
    }
    int set = sets.answering(requestSet);
    int i = set * SipMethod.count() + method.ordinal();
    Counter counter = timedOutBySet.get(i);
    if (counter == null) {
      int counted = sets.charge(set, 1, SipMeters.TRANSACTIONS_TIMED_OUT);
      counter =
          counter(SipMeters.TRANSACTIONS_TIMED_OUT)
              .tag("method", method.label())
              .tags(sets.tags(counted, false))
              .register(registry);
      timedOutBySet.compareAndSet(i, null, counter);
    }
    counter.increment();
  }

  /**
   * A request seen again while its transaction is tracked ({@code response} false), or a final
   * response.
   */
  public void retransmission(SipMethod method, boolean response) {
    retransmissions[method.ordinal()][response ? 1 : 0].increment();
  }

  public void unmatchedResponse(SipMethod method) {
    unmatched[method.ordinal()].increment();
  }

  public void evicted() {
    evicted.increment();
  }

  /** Adds {@code delta} to the tracked-transactions gauge (+1 on insert, -1 on removal). */
  public void tracked(int delta) {
    tracked.add(delta);
  }

  static Counter.Builder counter(SipMeters meter) {
    return Counter.builder(meter.meterName()).description(meter.help());
  }

  /** A Prometheus histogram with exactly these buckets (seconds), no client-side percentiles. */
  static Timer.Builder histogram(SipMeters meter, double[] bucketSeconds) {
    Duration[] slos = new Duration[bucketSeconds.length];
    for (int i = 0; i < slos.length; i++) {
      slos[i] = Duration.ofNanos(Math.round(bucketSeconds[i] * 1e9));
    }
    return Timer.builder(meter.meterName()).description(meter.help()).serviceLevelObjectives(slos);
  }
}
