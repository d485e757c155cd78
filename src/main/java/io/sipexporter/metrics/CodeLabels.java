package io.sipexporter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntPredicate;

/**
 * The {@code code} label value of each SIP status code (100-699), fixed at its first sighting: a
 * registered code always gets its own value; an unregistered one its own while fewer than the cap
 * have one, then its class ({@code "4xx"}). One response per code 100-699 would otherwise add 600
 * series to every labelled meter. Shared by the live counters and the transaction meters, so a code
 * has one value everywhere. Thread-safe.
 *
 * <pre>{@code
 * CodeLabels codes = new CodeLabels(registry, catalog::isRegistered, 20);
 * codes.label(486); // "486": registered
 * codes.label(499); // "499" for the first 20 unregistered codes seen, later ones "4xx"
 * }</pre>
 */
public final class CodeLabels {
  private static final int FIRST_CODE = 100;
  private static final int CODES = 600; // RFC 3261 7.2: 100-699

  private final IntPredicate registered;
  private final int maxUnregistered;
  private final MeterRegistry registry; // null: folds are not counted
  private final AtomicReferenceArray<Counter> folded = new AtomicReferenceArray<>(6); // per class
  private final AtomicReferenceArray<String> labels = new AtomicReferenceArray<>(CODES);
  private int unregisteredWithOwnValue; // guarded by this

  private CodeLabels(IntPredicate registered, int maxUnregistered, MeterRegistry registry) {
    this.registered = registered;
    this.maxUnregistered = maxUnregistered;
    this.registry = registry;
  }

  /**
   * Labels bounded by {@code registered} and the cap {@code maxUnregistered}; folded responses are
   * counted in {@code sip_exporter_responses_folded_total{class}} on {@code registry}.
   */
  public CodeLabels(MeterRegistry registry, IntPredicate registered, int maxUnregistered) {
    this(registered, maxUnregistered, registry);
  }

  /** Every code its own value (replay of a finite capture, unit tests). */
  public static CodeLabels unbounded() {
    return new CodeLabels(code -> true, 0, null);
  }

  /** The label value of {@code code} (100-699). */
  public String label(int code) {
    String label = labels.get(code - FIRST_CODE);
    return label != null ? label : assign(code);
  }

  /** Whether {@code code} is counted under its class rather than its own value. */
  public boolean isFolded(int code) {
    return label(code).charAt(1) == 'x';
  }

  /** Counts one response whose code was folded into its class, under that class. */
  void countFolded(int code) {
    if (registry == null) {
      return;
    }
    int index = code / 100 - 1;
    Counter counter = folded.get(index);
    if (counter == null) { // the first fold of this class: rare, so a registry lookup is fine
      counter =
          Counter.builder(SipMeters.RESPONSES_FOLDED.meterName())
              .description(SipMeters.RESPONSES_FOLDED.help())
              .tag("class", (code / 100) + "xx")
              .register(registry);
      folded.set(index, counter);
    }
    counter.increment();
  }

  private synchronized String assign(int code) {
    String label = labels.get(code - FIRST_CODE);
    if (label == null) {
      if (registered.test(code)) {
        label = Integer.toString(code);
      } else if (unregisteredWithOwnValue < maxUnregistered) {
        unregisteredWithOwnValue++;
        label = Integer.toString(code);
      } else {
        label = (code / 100) + "xx";
      }
      labels.set(code - FIRST_CODE, label);
    }
    return label;
  }
}
