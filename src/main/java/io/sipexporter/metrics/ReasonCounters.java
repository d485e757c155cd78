package io.sipexporter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sipexporter.core.Input;
import io.sipexporter.sip.ReasonError;
import io.sipexporter.sip.ReasonProtocol;
import io.sipexporter.sip.SipMethod;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.ToDoubleFunction;

/**
 * {@code sip_reason_causes_total} and {@code sip_exporter_reasons_malformed_total}. Causes are
 * counted in each pipeline's own {@link ReasonTally}, indexed by (method, protocol, cause slot), so
 * counting a Reason does no map lookup, builds no tags and takes no compare-and-set; a series is
 * registered the first time a tally counts it, and reads the sum of every tally at scrape. Cause
 * slot 0 is {@code other}; Q.850 causes 1-127 have their own slot, SIP and STIR codes 100-699
 * theirs (labelled as {@link CodeLabels} labels the code, so a cause and a response code share one
 * value). Thread-safe.
 */
final class ReasonCounters {
  private static final int Q850_MAX = 127; // ITU-T Q.850 2.2.7: a 7-bit cause value
  private static final int FIRST_CODE = 100;
  private static final int LAST_CODE = 699; // RFC 3261 7.2
  private static final int PROTOCOLS = ReasonProtocol.count();
  static final int ROWS = SipMethod.count() * PROTOCOLS;

  private final MeterRegistry registry;
  private final CodeLabels codeLabels;
  private final List<ReasonTally> tallies = new CopyOnWriteArrayList<>();
  private final AtomicReferenceArray<Counter> malformed =
      new AtomicReferenceArray<>(Input.values().length * ReasonError.count());

  ReasonCounters(MeterRegistry registry, CodeLabels codeLabels) {
    this.registry = registry;
    this.codeLabels = codeLabels;
  }

  /** A tally for one pipeline, summed with the others' into every scrape. */
  ReasonTally newTally() {
    ReasonTally tally = new ReasonTally(this);
    tallies.add(tally);
    return tally;
  }

  /**
   * Registers the series that counts (row, slot) unless it is already there (the registry keeps the
   * first). A SIP or STIR code folded into its class shares that class's series, which sums every
   * folded code of the class.
   */
  void register(int row, int slot) {
    SipMethod method = SipMethod.ofOrdinal(row / PROTOCOLS);
    ReasonProtocol protocol = ReasonProtocol.ofOrdinal(row % PROTOCOLS);
    String label = label(protocol, slot);
    boolean folded = hasCode(protocol, slot) && codeLabels.isFolded(code(slot));
    // the function holds these counters: the registry keeps only a weak reference to its state
    ToDoubleFunction<ReasonCounters> count =
        folded ? c -> sumFolded(row, code(slot) / 100) : c -> sum(row, slot);
    FunctionCounter.builder(SipMeters.REASON_CAUSES.meterName(), this, count)
        .description(SipMeters.REASON_CAUSES.help())
        .tag("method", method.label())
        .tag("protocol", protocol.label())
        .tag("cause", label)
        .register(registry);
  }

  private double sum(int row, int slot) {
    long n = 0;
    for (ReasonTally tally : tallies) {
      n += tally.count(row, slot);
    }
    return n;
  }

  /** The counts of every code of class {@code digit} (4 for 4xx) that is folded into it. */
  private double sumFolded(int row, int digit) {
    double n = 0;
    for (int slot = slot(ReasonProtocol.SIP, digit * 100), end = slot + 100; slot < end; slot++) {
      double count = sum(row, slot);
      if (count > 0 && codeLabels.isFolded(code(slot))) {
        n += count;
      }
    }
    return n;
  }

  static int row(SipMethod method, ReasonProtocol protocol) {
    return method.ordinal() * PROTOCOLS + protocol.ordinal();
  }

  void malformed(Input input, ReasonError error) {
    int index = input.ordinal() * ReasonError.count() + error.ordinal();
    Counter counter = malformed.get(index);
    if (counter == null) {
      counter =
          Counter.builder(SipMeters.REASONS_MALFORMED.meterName())
              .description(SipMeters.REASONS_MALFORMED.help())
              .tag("input", input.label())
              .tag("reason", error.reason())
              .register(registry);
      malformed.compareAndSet(index, null, counter);
    }
    counter.increment();
  }

  static int slotCount(ReasonProtocol protocol) {
    return switch (protocol) {
      case Q850 -> Q850_MAX + 1;
      case SIP, STIR -> LAST_CODE - FIRST_CODE + 2;
      case OTHER -> 1;
    };
  }

  /** The cause's slot: 0 ({@code other}) for a cause outside its protocol's range. */
  static int slot(ReasonProtocol protocol, int cause) {
    return switch (protocol) {
      case Q850 -> cause >= 1 && cause <= Q850_MAX ? cause : 0;
      case SIP, STIR -> cause >= FIRST_CODE && cause <= LAST_CODE ? cause - FIRST_CODE + 1 : 0;
      case OTHER -> 0;
    };
  }

  private String label(ReasonProtocol protocol, int slot) {
    if (slot == 0) {
      return "other";
    }
    return hasCode(protocol, slot) ? codeLabels.label(code(slot)) : Integer.toString(slot);
  }

  /** Whether {@code slot} holds a SIP or STIR code (labelled as a response code is). */
  private static boolean hasCode(ReasonProtocol protocol, int slot) {
    return slot != 0 && (protocol == ReasonProtocol.SIP || protocol == ReasonProtocol.STIR);
  }

  /** The SIP code of a SIP or STIR cause slot. */
  private static int code(int slot) {
    return slot - 1 + FIRST_CODE;
  }
}
