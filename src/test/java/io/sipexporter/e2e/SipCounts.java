package io.sipexporter.e2e;

import io.sipexporter.Scrape;
import io.sipexporter.load.Exposition.Sample;
import java.util.Map;
import java.util.TreeMap;

/**
 * SIP messages counted by kind: {@code "INVITE"} for requests, {@code "INVITE 437"} for responses
 * (CSeq method and status code), the pair the exporter's {@code sip_responses_total} is keyed by.
 */
public final class SipCounts {
  private final Map<String, Long> counts = new TreeMap<>();

  /**
   * {@code sip_responses_total} and {@code sip_requests_total} of a scrape, zero samples left out,
   * to compare with what tshark counted.
   */
  public static SipCounts of(Scrape scrape) {
    SipCounts counts = new SipCounts();
    for (Sample s : scrape.named("sip_responses_total")) {
      if (s.value() > 0) {
        counts.add(s.labels().get("method") + " " + s.labels().get("code"), (long) s.value());
      }
    }
    for (Sample s : scrape.named("sip_requests_total")) {
      if (s.value() > 0) {
        counts.add(s.labels().get("method"), (long) s.value());
      }
    }
    return counts;
  }

  /** Counts one request. */
  public void request(String method) {
    add(method, 1);
  }

  /** Counts one response. */
  public void response(String cseqMethod, String code) {
    add(cseqMethod + " " + code, 1);
  }

  public void add(String key, long n) {
    counts.merge(key, n, Long::sum);
  }

  /** The response counts only: {@code "INVITE 437" -> n}. */
  public Map<String, Long> responses() {
    Map<String, Long> responses = new TreeMap<>();
    counts.forEach(
        (k, v) -> {
          if (k.indexOf(' ') > 0) {
            responses.put(k, v);
          }
        });
    return responses;
  }

  /** The request counts only: {@code "INVITE" -> n}. */
  public Map<String, Long> requests() {
    Map<String, Long> requests = new TreeMap<>();
    counts.forEach(
        (k, v) -> {
          if (k.indexOf(' ') < 0) {
            requests.put(k, v);
          }
        });
    return requests;
  }

  public long get(String key) {
    return counts.getOrDefault(key, 0L);
  }

  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  public Map<String, Long> asMap() {
    return new TreeMap<>(counts);
  }

  @Override
  public String toString() {
    return counts.toString();
  }
}
