package io.sipexporter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sipexporter.ingest.ErrorReason;
import io.sipexporter.ingest.Input;
import io.sipexporter.ingest.Transport;
import io.sipexporter.sip.SipMethod;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The per-message counters, resolved once and kept in arrays indexed by (node, method, code), so
 * the hot path does no map lookup and builds no tags; the node is the slot {@link NodeTable} gives
 * a HEP capture agent id (always 0 without {@code --hep.nodes}). Thread-safe: event loops share one
 * instance.
 */
public final class TrafficCounters {
  private static final int FIRST_CODE = 100;
  private static final int CODES = 600; // RFC 3261 7.2: 100-699
  // HEP protocol-type ids (HEP3 chunk 0x0b) with their own label; the rest are "other"
  private static final int[] HEP_TYPES = {1, 5, 100};
  private static final String[] HEP_TYPE_LABELS = {"sip", "rtcp", "log", "other"};

  private final MeterRegistry registry;
  private final NodeTable nodes;
  // by (node slot, method): a row of CODES counters, each row and counter resolved at first use
  private final AtomicReferenceArray<AtomicReferenceArray<Counter>> responses;
  private final AtomicReferenceArray<Counter> requests; // by (node slot, method)
  private final Counter[][] received =
      new Counter[Input.values().length][Transport.values().length];
  private final ConcurrentMap<ErrorReason, Counter>[] parseErrors;
  private final Counter[] hepPayloads = new Counter[HEP_TYPE_LABELS.length];

  /** Counters without a {@code node} label. */
  public TrafficCounters(MeterRegistry registry) {
    this(registry, new NodeTable(0));
  }

  /** Counters whose requests and responses carry a {@code node} label when {@code nodes} does. */
  @SuppressWarnings("unchecked")
  public TrafficCounters(MeterRegistry registry, NodeTable nodes) {
    this.registry = registry;
    this.nodes = nodes;
    this.responses = new AtomicReferenceArray<>(nodes.slots() * SipMethod.count());
    this.requests = new AtomicReferenceArray<>(nodes.slots() * SipMethod.count());
    if (!nodes.labelled()) {
      resolveRequests(0); // every method from zero; with nodes, at a node's first request
    }
    for (int t = 0; t < hepPayloads.length; t++) {
      hepPayloads[t] =
          counter(SipMeters.HEP_PAYLOADS).tag("type", HEP_TYPE_LABELS[t]).register(registry);
    }
    parseErrors = new ConcurrentMap[Input.values().length];
    for (Input input : Input.values()) {
      parseErrors[input.ordinal()] = new ConcurrentHashMap<>();
      for (Transport transport : Transport.values()) {
        received[input.ordinal()][transport.ordinal()] =
            counter(SipMeters.MESSAGES_RECEIVED)
                .tag("input", input.label())
                .tag("transport", transport.label())
                .register(registry);
      }
    }
  }

  /** Counts a response that did not come in HEP; see {@link #response(SipMethod, int, long)}. */
  public void response(SipMethod method, int code) {
    response(method, code, NodeTable.NOT_HEP);
  }

  /**
   * Counts a response to a {@code method} request with status {@code code} (100-699), from the HEP
   * capture agent {@code captureId} ({@link NodeTable#NOT_HEP} when it did not come in HEP).
   */
  public void response(SipMethod method, int code, long captureId) {
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
  }

  /** Counts a request that did not come in HEP. */
  public void request(SipMethod method) {
    request(method, NodeTable.NOT_HEP);
  }

  /**
   * Counts a request from the HEP capture agent {@code captureId}, or {@link NodeTable#NOT_HEP}.
   */
  public void request(SipMethod method, long captureId) {
    int node = nodes.slot(captureId);
    Counter counter = requests.get(node * SipMethod.count() + method.ordinal());
    if (counter == null) {
      resolveRequests(node);
      counter = requests.get(node * SipMethod.count() + method.ordinal());
    }
    counter.increment();
  }

  /** Counts a decoded HEP packet by its payload protocol type. */
  public void hepPayload(int protocolType) {
    int t = 0;
    while (t < HEP_TYPES.length && HEP_TYPES[t] != protocolType) {
      t++;
    }
    hepPayloads[t].increment();
  }

  /** Counts a message received, before it is read. */
  public void received(Input input, Transport transport) {
    received[input.ordinal()][transport.ordinal()].increment();
  }

  /** Counts a message that could not be read, by reason. */
  public void parseError(Input input, ErrorReason reason) {
    parseErrors[input.ordinal()]
        .computeIfAbsent(
            reason,
            r ->
                counter(SipMeters.PARSE_ERRORS)
                    .tag("input", input.label())
                    .tag("reason", r.reason())
                    .register(registry))
        .increment();
  }

  /** Every message received so far, over all inputs and transports. */
  public double receivedTotal() {
    double sum = 0;
    for (Counter[] byTransport : received) {
      for (Counter c : byTransport) {
        sum += c.count();
      }
    }
    return sum;
  }

  /** Responses counted so far with this code, over all methods (for the /codes page). */
  public long responsesWithCode(int code) {
    if (code < FIRST_CODE || code >= FIRST_CODE + CODES) {
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
                    .tag("code", Integer.toString(code))
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
