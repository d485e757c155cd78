package io.sipexporter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sipexporter.core.ErrorReason;
import io.sipexporter.core.Input;
import io.sipexporter.core.Transport;
import io.sipexporter.sip.ReasonError;
import io.sipexporter.sip.SipMethod;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The per-message counters, resolved once and kept in arrays indexed by (method, code), so the hot
 * path does no map lookup and builds no tags; requests and responses live in {@link
 * MessageCounters}, by node too. Thread-safe: event loops share one instance.
 */
public final class TrafficCounters {
  // HEP protocol-type ids (HEP3 chunk 0x0b) with their own label; the rest are "other"
  private static final int[] HEP_TYPES = {1, 5, 100};
  private static final String[] HEP_TYPE_LABELS = {"sip", "rtcp", "log", "other"};

  private final MeterRegistry registry;
  private final LabelSets sets;
  private final MessageCounters messages;
  private final ReasonCounters reasons;
  private final Counter[][] received =
      new Counter[Input.values().length][Transport.values().length];
  private final ConcurrentMap<ErrorReason, Counter>[] parseErrors;
  private final Counter[] hepPayloads = new Counter[HEP_TYPE_LABELS.length];
  private final Counter[] clockSkew = new Counter[Input.values().length];

  /** Counters without a {@code node} label. */
  public TrafficCounters(MeterRegistry registry) {
    this(registry, new NodeTable(0));
  }

  /** Counters whose requests and responses carry a {@code node} label when {@code nodes} does. */
  @SuppressWarnings("InvalidParam") // {@code node} is the label, not a misspelt parameter
  public TrafficCounters(MeterRegistry registry, NodeTable nodes) {
    this(registry, nodes, CodeLabels.unbounded());
  }

  /** Counters whose response {@code code} label values come from {@code codeLabels}. */
  public TrafficCounters(MeterRegistry registry, NodeTable nodes, CodeLabels codeLabels) {
    this(
        registry,
        new LabelSets(nodes, false, new SeriesBudget(SeriesBudget.DEFAULT, registry)),
        codeLabels);
  }

  /**
   * Counters whose requests and responses carry the labels of {@code sets} (node, peer, direction)
   * and whose response {@code code} label values come from {@code codeLabels}.
   */
  @SuppressWarnings("unchecked")
  public TrafficCounters(MeterRegistry registry, LabelSets sets, CodeLabels codeLabels) {
    this.registry = registry;
    this.sets = sets;
    this.messages = new MessageCounters(registry, sets, codeLabels);
    this.reasons = new ReasonCounters(registry, codeLabels);
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

  /** Counts a response to a {@code method} request with status {@code code} (100-699). */
  public void response(SipMethod method, int code) {
    messages.response(method, code, 0);
  }

  /**
   * Counts a response that came in HEP from capture agent {@code captureId} ({@link
   * NodeTable#NOT_HEP} when it did not): the {@code node} label under {@code --hep.nodes}.
   */
  @SuppressWarnings("InvalidParam") // {@code node} is the label, not a misspelt parameter
  public void response(SipMethod method, int code, long captureId) {
    messages.response(method, code, sets.index(captureId, LabelSets.NO_PEER, 0));
  }

  /** Counts a response in label set {@code set} (see {@link #labelSets()}). */
  public void response(int set, SipMethod method, int code) {
    messages.response(method, code, set);
  }

  /** Counts a request. */
  public void request(SipMethod method) {
    messages.request(method, 0);
  }

  /** Counts a request that came in HEP from capture agent {@code captureId}, or not (NOT_HEP). */
  public void request(SipMethod method, long captureId) {
    messages.request(method, sets.index(captureId, LabelSets.NO_PEER, 0));
  }

  /** Counts a request in label set {@code set}. */
  public void request(int set, SipMethod method) {
    messages.request(method, set);
  }

  /** The node, peer and direction label sets of these counters. */
  public LabelSets labelSets() {
    return sets;
  }

  /** A pipeline's own tally of Reason values, counted into these counters' scrape. */
  public ReasonTally newReasonTally() {
    return reasons.newTally();
  }

  /** Counts a Reason value that could not be counted, by why. */
  public void reasonMalformed(Input input, ReasonError error) {
    reasons.malformed(input, error);
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

  /**
   * Counts a message whose sender's timestamp was too far from the receive time to be trusted; the
   * series appears with the first.
   */
  public void clockSkew(Input input) {
    Counter c = clockSkew[input.ordinal()];
    if (c == null) {
      c = counter(SipMeters.CLOCK_SKEW).tag("input", input.label()).register(registry);
      clockSkew[input.ordinal()] = c; // a race registers the same counter twice: harmless
    }
    c.increment();
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

  /** Responses counted so far with this code, over all methods and nodes (for /codes). */
  public long responsesWithCode(int code) {
    return messages.responsesWithCode(code);
  }

  private static Counter.Builder counter(SipMeters meter) {
    return Counter.builder(meter.meterName()).description(meter.help());
  }
}
