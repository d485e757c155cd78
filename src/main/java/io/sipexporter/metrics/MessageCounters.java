package io.sipexporter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sipexporter.sip.SipMethod;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code sip_requests_total} and {@code sip_responses_total}, resolved once and kept in arrays
 * indexed by (label set, method, code), so the hot path does no map lookup and builds no tags. The
 * label set ({@link LabelSets}) carries node, peer and direction: always 0, and none of those
 * labels, without {@code --hep.nodes} and {@code --peers.file}. Thread-safe: event loops share one
 * instance.
 */
final class MessageCounters {
  private static final int FIRST_CODE = 100;
  private static final int CODES = 600; // RFC 3261 7.2: 100-699

  private final MeterRegistry registry;
  private final LabelSets sets;
  private final CodeLabels codeLabels;
  // by (set, method): a row of CODES counters; rows and counters are resolved at first use
  private final AtomicReferenceArray<AtomicReferenceArray<Counter>> responses;
  private final AtomicReferenceArray<Counter> requests; // by (set, method)

  MessageCounters(MeterRegistry registry, LabelSets sets, CodeLabels codeLabels) {
    this.registry = registry;
    this.sets = sets;
    this.codeLabels = codeLabels;
    this.responses = new AtomicReferenceArray<>(sets.capacity() * SipMethod.count());
    this.requests = new AtomicReferenceArray<>(sets.capacity() * SipMethod.count());
    if (!sets.labelled()) {
      resolveRequests(0); // every method from zero; with labels, at a set's first request
    }
  }

  void response(SipMethod method, int code, int set) {
    int row = set * SipMethod.count() + method.ordinal();
    AtomicReferenceArray<Counter> codes = responses.get(row);
    if (codes == null) {
      responses.compareAndSet(row, null, new AtomicReferenceArray<>(CODES));
      codes = responses.get(row);
    }
    Counter counter = codes.get(code - FIRST_CODE);
    if (counter == null) {
      counter = resolveResponse(codes, set, method, code);
    }
    counter.increment();
    if (codeLabels.isFolded(code)) {
      codeLabels.countFolded(code);
    }
  }

  void request(SipMethod method, int set) {
    int index = set * SipMethod.count() + method.ordinal();
    Counter counter = requests.get(index);
    if (counter == null) {
      resolveRequests(set);
      counter = requests.get(index);
    }
    counter.increment();
  }

  /** Responses counted so far with this code, over all label sets and methods; 0 when folded. */
  long responsesWithCode(int code) {
    if (code < FIRST_CODE || code >= FIRST_CODE + CODES || codeLabels.isFolded(code)) {
      return 0;
    }
    // label sets folded past the budget share one counter: count each counter once
    Set<Counter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    double sum = 0;
    for (int row = 0; row < responses.length(); row++) {
      AtomicReferenceArray<Counter> codes = responses.get(row);
      Counter counter = codes == null ? null : codes.get(code - FIRST_CODE);
      if (counter != null && seen.add(counter)) {
        sum += counter.count();
      }
    }
    return (long) sum;
  }

  private Counter resolveResponse(
      AtomicReferenceArray<Counter> codes, int set, SipMethod method, int code) {
    int counted = sets.charge(set, 1, SipMeters.RESPONSES); // set, or its fold past the budget
    Counter counter =
        counter(SipMeters.RESPONSES)
            .tag("method", method.label())
            .tag("code", codeLabels.label(code))
            .tag("class", (code / 100) + "xx")
            .tags(sets.tags(counted))
            .register(registry);
    codes.compareAndSet(code - FIRST_CODE, null, counter);
    return counter;
  }

  /**
   * Registers every method's request counter of one label set, so each rate starts from zero (a
   * registered one is returned as is).
   */
  private synchronized void resolveRequests(int set) {
    if (requests.get(set * SipMethod.count()) != null) {
      return; // another thread resolved the set first: it spent the budget once
    }
    int counted = sets.charge(set, SipMethod.count(), SipMeters.REQUESTS);
    for (int m = 0; m < SipMethod.count(); m++) {
      Counter counter =
          counter(SipMeters.REQUESTS)
              .tag("method", SipMethod.ofOrdinal(m).label())
              .tags(sets.tags(counted))
              .register(registry);
      requests.compareAndSet(set * SipMethod.count() + m, null, counter);
    }
  }

  private static Counter.Builder counter(SipMeters meter) {
    return Counter.builder(meter.meterName()).description(meter.help());
  }
}
