package io.sipexporter.replay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sipexporter.core.Input;
import io.sipexporter.metrics.SipMeters;
import io.sipexporter.sip.SipMethod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a replay counted, read back from the meters it fed, so the summary a person reads and the
 * {@code /metrics} a replay serves can never disagree. Maps hold non-zero counts only; methods in
 * {@link SipMethod} order, codes and reasons ascending.
 *
 * @param source the file name, or {@code -} for standard input
 * @param outcome frames read, capture time span, and the capture's own error if any
 * @param requests requests by method
 * @param responses responses by code, then by the CSeq method they answer
 * @param transactions completed transactions: method, code, count
 * @param timedOut transactions with no final response by their timer, by method
 * @param unmatchedResponses responses whose request was not in the capture, by method
 * @param retransmissions requests and final responses seen again, by type
 * @param callsActive answered calls with no BYE by the end of the capture
 * @param callsEnded answered calls ended, by who sent the BYE
 * @param received UDP datagrams and framed TCP messages read, by transport
 * @param unreadable what could not be read, by reason ({@code sip_exporter_parse_errors_total})
 * @param reasons Reason header values (RFC 3326) by {@code "<method> <protocol> <cause>"}, e.g.
 *     {@code "BYE Q.850 16"} ({@code sip_reason_causes_total})
 * @param reasonsMalformed Reason values that could not be counted, by reason ({@code
 *     sip_exporter_reasons_malformed_total})
 * @param peers requests and responses by peer and direction, with {@code --peers.file}; empty
 *     without one
 */
public record ReplaySummary(
    String source,
    CaptureReplay.Outcome outcome,
    Map<String, Long> requests,
    Map<Integer, Map<String, Long>> responses,
    List<Transaction> transactions,
    Map<String, Long> timedOut,
    Map<String, Long> unmatchedResponses,
    Map<String, Long> retransmissions,
    long callsActive,
    Map<String, Long> callsEnded,
    Map<String, Long> received,
    Map<String, Long> unreadable,
    Map<String, Long> reasons,
    Map<String, Long> reasonsMalformed,
    List<PeerCount> peers) {

  /** Transactions of one method that ended with one final code. */
  public record Transaction(String method, int code, long count) {}

  /**
   * Messages of one peer ({@code ""}: no peer's addresses), direction, method, and code ({@code 0}
   * for requests).
   */
  public record PeerCount(String peer, String direction, String method, int code, long count) {}

  private static final Comparator<String> METHOD_ORDER =
      Comparator.comparingInt(ReplaySummary::methodRank);

  /** Reads the counts of a finished replay from {@code registry}. */
  public static ReplaySummary of(
      String source, CaptureReplay.Outcome outcome, MeterRegistry registry) {
    Map<Integer, Map<String, Long>> responses = new TreeMap<>();
    for (Counter c : counters(registry, SipMeters.RESPONSES)) {
      long n = (long) c.count();
      if (n > 0) {
        responses
            .computeIfAbsent(
                Integer.parseInt(c.getId().getTag("code")), k -> new TreeMap<>(METHOD_ORDER))
            .merge(c.getId().getTag("method"), n, Long::sum);
      }
    }
    // one row per (method, code): under --peers.file a pair has a series per peer and direction
    Map<Transaction, Long> byPair = new LinkedHashMap<>();
    for (Counter c : counters(registry, SipMeters.TRANSACTIONS)) {
      if (c.count() > 0) {
        byPair.merge(
            new Transaction(
                c.getId().getTag("method"), Integer.parseInt(c.getId().getTag("code")), 0),
            (long) c.count(),
            Long::sum);
      }
    }
    List<Transaction> transactions = new ArrayList<>();
    byPair.forEach((t, n) -> transactions.add(new Transaction(t.method(), t.code(), n)));
    transactions.sort(
        Comparator.comparing(Transaction::method, METHOD_ORDER)
            .thenComparingInt(Transaction::code));
    return new ReplaySummary(
        source,
        outcome,
        byTag(registry, SipMeters.REQUESTS, "method", null, METHOD_ORDER),
        responses,
        List.copyOf(transactions),
        byTag(registry, SipMeters.TRANSACTIONS_TIMED_OUT, "method", null, METHOD_ORDER),
        byTag(registry, SipMeters.UNMATCHED_RESPONSES, "method", null, METHOD_ORDER),
        byTag(registry, SipMeters.RETRANSMISSIONS, "type", null, Comparator.reverseOrder()),
        gauge(registry, SipMeters.CALLS_ACTIVE),
        byTag(registry, SipMeters.CALLS_ENDED, "by", null, Comparator.naturalOrder()),
        byTag(
            registry,
            SipMeters.MESSAGES_RECEIVED,
            "transport",
            Input.PCAP,
            Comparator.reverseOrder()),
        byTag(registry, SipMeters.PARSE_ERRORS, "reason", Input.PCAP, Comparator.naturalOrder()),
        reasons(registry),
        byTag(
            registry, SipMeters.REASONS_MALFORMED, "reason", Input.PCAP, Comparator.naturalOrder()),
        peers(registry));
  }

  /** Requests and responses by peer, direction, method and code; empty without peer labels. */
  private static List<PeerCount> peers(MeterRegistry registry) {
    Map<PeerCount, Long> counts = new LinkedHashMap<>();
    for (SipMeters meter : List.of(SipMeters.REQUESTS, SipMeters.RESPONSES)) {
      for (Counter c : counters(registry, meter)) {
        String peer = c.getId().getTag(SipMeters.PEER_LABEL);
        if (peer != null && c.count() > 0) {
          String code = c.getId().getTag("code");
          PeerCount key =
              new PeerCount(
                  peer,
                  c.getId().getTag(SipMeters.DIRECTION_LABEL),
                  c.getId().getTag("method"),
                  code == null || !Character.isDigit(code.charAt(2)) ? 0 : Integer.parseInt(code),
                  0);
          counts.merge(key, (long) c.count(), Long::sum);
        }
      }
    }
    List<PeerCount> out = new ArrayList<>();
    counts.forEach(
        (k, n) -> out.add(new PeerCount(k.peer(), k.direction(), k.method(), k.code(), n)));
    out.sort(
        Comparator.comparing(PeerCount::peer)
            .thenComparing(PeerCount::direction)
            .thenComparing(PeerCount::method, METHOD_ORDER)
            .thenComparingInt(PeerCount::code));
    return List.copyOf(out);
  }

  /** {@code sip_reason_causes_total} by method (in {@link SipMethod} order), protocol and cause. */
  private static Map<String, Long> reasons(MeterRegistry registry) {
    Map<String, Long> counts =
        new TreeMap<>(
            Comparator.comparing((String k) -> k.substring(0, k.indexOf(' ')), METHOD_ORDER)
                .thenComparing(Comparator.naturalOrder()));
    for (FunctionCounter c :
        registry.find(SipMeters.REASON_CAUSES.meterName()).functionCounters()) {
      long n = (long) c.count();
      if (n > 0) {
        counts.merge(
            c.getId().getTag("method")
                + " "
                + c.getId().getTag("protocol")
                + " "
                + c.getId().getTag("cause"),
            n,
            Long::sum);
      }
    }
    return new LinkedHashMap<>(counts);
  }

  /** Requests counted, all methods. */
  public long requestCount() {
    return requests.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Responses counted, all codes. */
  public long responseCount() {
    return responses.values().stream()
        .flatMap(m -> m.values().stream())
        .mapToLong(Long::longValue)
        .sum();
  }

  /** Responses with {@code code}, all methods. */
  public long responseCount(int code) {
    return responses.getOrDefault(code, Map.of()).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  private static Map<String, Long> byTag(
      MeterRegistry registry, SipMeters meter, String tag, Input input, Comparator<String> order) {
    Map<String, Long> counts = new TreeMap<>(order);
    for (Counter c : counters(registry, meter)) {
      long n = (long) c.count();
      if (n > 0 && (input == null || input.label().equals(c.getId().getTag("input")))) {
        counts.merge(c.getId().getTag(tag), n, Long::sum);
      }
    }
    return new LinkedHashMap<>(counts);
  }

  private static java.util.Collection<Counter> counters(MeterRegistry registry, SipMeters meter) {
    return registry.find(meter.meterName()).counters();
  }

  private static long gauge(MeterRegistry registry, SipMeters meter) {
    Gauge g = registry.find(meter.meterName()).gauge();
    return g == null ? 0 : (long) g.value();
  }

  private static int methodRank(String label) {
    for (SipMethod m : SipMethod.values()) {
      if (m.label().equals(label)) {
        return m.ordinal();
      }
    }
    return SipMethod.count();
  }
}
