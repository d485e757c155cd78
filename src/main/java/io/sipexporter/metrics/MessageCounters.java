package io.sipexporter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sipexporter.sip.SipMethod;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code sip_requests_total} and {@code sip_responses_total}, resolved once and kept in arrays
 * indexed by (node, method, code), so the hot path does no map lookup and builds no tags. The node
 * is the slot {@link NodeTable} gives a HEP capture agent id: always 0, and no {@code node} label,
 * without {@code --hep.nodes}. Thread-safe: event loops share one instance.
 */
final class MessageCounters {
  private static final int FIRST_CODE = 100;
  private static final int CODES = 600; // RFC 3261 7.2: 100-699

  private final MeterRegistry registry;
  private final NodeTable nodes;
  private final CodeLabels codeLabels;
  // by (node, method): a row of CODES counters; rows and counters are resolved at first use
  private final AtomicReferenceArray<AtomicReferenceArray<Counter>> responses;
  private final AtomicReferenceArray<Counter> requests; // by (node, method)

  MessageCounters(MeterRegistry registry, NodeTable nodes, CodeLabels codeLabels) {
    this.registry = registry;
    this.nodes = nodes;
    this.codeLabels = codeLabels;
    this.responses = new AtomicReferenceArray<>(nodes.slots() * SipMethod.count());
    this.requests = new AtomicReferenceArray<>(nodes.slots() * SipMethod.count());
    if (!nodes.labelled()) {
      resolveRequests(0); // every method from zero; with nodes, at a node's first request
    }
  }

  void response(SipMethod method, int code, long captureId) {
    int node = nodes.slot(captureId);
    int row = node * SipMethod.count() + method.ordinal();
    AtomicReferenceArray<Counter> codes = responses.get(row);
    if (codes == null) {
      responses.compareAndSet(row, null, new AtomicReferenceArray<>(CODES));
      codes = responses.get(row);
    }
    Counter counter = codes.get(code - FIRST_CODE);
    if (counter == null) {
      counter = resolveResponse(codes, node, method, code);
    }
    counter.increment();
    if (codeLabels.isFolded(code)) {
      codeLabels.countFolded(code);
    }
  }

  void request(SipMethod method, long captureId) {
    int node = nodes.slot(captureId);
    int index = node * SipMethod.count() + method.ordinal();
    Counter counter = requests.get(index);
    if (counter == null) {
      resolveRequests(node);
      counter = requests.get(index);
    }
    counter.increment();
  }

  /** Responses counted so far with this code, over all nodes and methods; 0 for a folded code. */
  long responsesWithCode(int code) {
    if (code < FIRST_CODE || code >= FIRST_CODE + CODES || codeLabels.isFolded(code)) {
      return 0;
    }
    double sum = 0;
    for (int row = 0; row < responses.length(); row++) {
      AtomicReferenceArray<Counter> codes = responses.get(row);
      Counter counter = codes == null ? null : codes.get(code - FIRST_CODE);
      if (counter != null) {
        sum += counter.count();
      }
    }
    return (long) sum;
  }

  private Counter resolveResponse(
      AtomicReferenceArray<Counter> codes, int node, SipMethod method, int code) {
    Counter counter =
        withNode(
                counter(SipMeters.RESPONSES)
                    .tag("method", method.label())
                    .tag("code", codeLabels.label(code))
                    .tag("class", (code / 100) + "xx"),
                node)
            .register(registry);
    codes.compareAndSet(code - FIRST_CODE, null, counter);
    return counter;
  }

  /** Registers every method's request counter of one node (a registered one is returned as is). */
  private void resolveRequests(int node) {
    for (int m = 0; m < SipMethod.count(); m++) {
      Counter counter =
          withNode(counter(SipMeters.REQUESTS).tag("method", SipMethod.ofOrdinal(m).label()), node)
              .register(registry);
      requests.compareAndSet(node * SipMethod.count() + m, null, counter);
    }
  }

  /** One meter name, one set of label keys: with nodes, every series has {@code node}. */
  private Counter.Builder withNode(Counter.Builder builder, int node) {
    return nodes.labelled() ? builder.tag(SipMeters.NODE_LABEL, nodes.label(node)) : builder;
  }

  private static Counter.Builder counter(SipMeters meter) {
    return Counter.builder(meter.meterName()).description(meter.help());
  }
}
