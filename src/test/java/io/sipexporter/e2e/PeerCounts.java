package io.sipexporter.e2e;

import io.sipexporter.Scrape;
import io.sipexporter.load.Exposition.Sample;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SIP messages counted per (peer, direction, method, code), the breakdown a {@code --peers.file}
 * adds (issue 14), keyed for readable diffs: {@code peer="carrier-a" direction="in" INVITE 437} for
 * a response, {@code peer="" direction="" INVITE} for a request no peer sent or received.
 *
 * <pre>{@code
 * Map<String, Long> tshark = PeerCounts.of(capture, "udp.port == 5060", peerOfAddress);
 * assertThat(PeerCounts.of(exporter.scrape())).isEqualTo(tshark);
 * }</pre>
 */
public final class PeerCounts {
  private PeerCounts() {}

  /** The key of one message; {@code code} is empty for a request. */
  public static String key(String peer, String direction, String method, String code) {
    return "peer=\""
        + peer
        + "\" direction=\""
        + direction
        + "\" "
        + method
        + (code.isEmpty() ? "" : " " + code);
  }

  /**
   * {@code sip_requests_total} and {@code sip_responses_total} of a scrape by key, summed over
   * their other labels, zero samples left out. A sample without the labels shows them as {@code
   * null}, so an exporter that ignores the peers file fails the comparison visibly.
   */
  public static Map<String, Long> of(Scrape scrape) {
    Map<String, Long> counts = new TreeMap<>();
    add(counts, scrape.named("sip_requests_total"), false);
    add(counts, scrape.named("sip_responses_total"), true);
    return counts;
  }

  /** {@code sip_transactions_total} of a scrape by key (method and final code), zeros left out. */
  public static Map<String, Long> transactions(Scrape scrape) {
    Map<String, Long> counts = new TreeMap<>();
    add(counts, scrape.named("sip_transactions_total"), true);
    return counts;
  }

  private static void add(Map<String, Long> counts, List<Sample> samples, boolean responses) {
    for (Sample s : samples) {
      if (s.value() > 0) {
        Map<String, String> l = s.labels();
        counts.merge(
            key(l.get("peer"), l.get("direction"), l.get("method"), responses ? l.get("code") : ""),
            (long) s.value(),
            Long::sum);
      }
    }
  }

  /**
   * The SIP messages tshark dissected in {@code capture} on {@code displayFilter} by key, each
   * named by the addresses in its IP header as the peers file's contract says: the peer whose
   * address sent it ({@code in}), else the peer it was sent to ({@code out}), else {@code ""} and
   * {@code ""}. {@code peerOfAddress} maps each single address (a /32) to its peer's name.
   */
  public static Map<String, Long> of(
      Tshark capture, String displayFilter, Map<String, String> peerOfAddress) {
    Map<String, Long> counts = new TreeMap<>();
    for (String[] row :
        capture.fields(
            "sip && (" + displayFilter + ")",
            "sip.CSeq.method",
            "sip.Status-Code",
            "ip.src",
            "ip.dst")) {
      String from = peerOfAddress.get(row[2]);
      String to = peerOfAddress.get(row[3]);
      String peer = from != null ? from : to != null ? to : "";
      String direction = from != null ? "in" : to != null ? "out" : "";
      counts.merge(key(peer, direction, row[0], row[1]), 1L, Long::sum);
    }
    return counts;
  }
}
