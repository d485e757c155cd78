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
 * The per-message counters, resolved once and kept in arrays indexed by (method, code), so the hot
 * path does no map lookup and builds no tags. Thread-safe: event loops share one instance.
 */
public final class TrafficCounters {
  private static final int FIRST_CODE = 100;
  private static final int CODES = 600; // RFC 3261 7.2: 100-699
  // HEP protocol-type ids (HEP3 chunk 0x0b) with their own label; the rest are "other"
  private static final int[] HEP_TYPES = {1, 5, 100};
  private static final String[] HEP_TYPE_LABELS = {"sip", "rtcp", "log", "other"};

  private final MeterRegistry registry;
  private final AtomicReferenceArray<Counter> responses =
      new AtomicReferenceArray<>(SipMethod.count() * CODES);
  private final Counter[] requests = new Counter[SipMethod.count()];
  private final Counter[][] received =
      new Counter[Input.values().length][Transport.values().length];
  private final ConcurrentMap<ErrorReason, Counter>[] parseErrors;
  private final Counter[] hepPayloads = new Counter[HEP_TYPE_LABELS.length];

  @SuppressWarnings("unchecked")
  public TrafficCounters(MeterRegistry registry) {
    this.registry = registry;
    for (int m = 0; m < requests.length; m++) {
      requests[m] =
          counter(SipMeters.REQUESTS)
              .tag("method", SipMethod.ofOrdinal(m).label())
              .register(registry);
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

  /** Counts a response to a {@code method} request with status {@code code} (100-699). */
  public void response(SipMethod method, int code) {
    int slot = method.ordinal() * CODES + (code - FIRST_CODE);
    Counter counter = responses.get(slot);
    if (counter == null) {
      counter = resolveResponse(slot, method, code);
    }
    counter.increment();
  }

  /** Counts a request. */
  public void request(SipMethod method) {
    requests[method.ordinal()].increment();
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
    for (int m = 0; m < SipMethod.count(); m++) {
      Counter counter = responses.get(m * CODES + (code - FIRST_CODE));
      if (counter != null) {
        sum += counter.count();
      }
    }
    return (long) sum;
  }

  private Counter resolveResponse(int slot, SipMethod method, int code) {
    Counter counter =
        counter(SipMeters.RESPONSES)
            .tag("method", method.label())
            .tag("code", Integer.toString(code))
            .tag("class", (code / 100) + "xx")
            .register(registry);
    responses.compareAndSet(slot, null, counter);
    return counter;
  }

  private static Counter.Builder counter(SipMeters meter) {
    return Counter.builder(meter.meterName()).description(meter.help());
  }
}
