package io.sipexporter.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.sipexporter.Scrape;
import io.sipexporter.load.Exposition.Sample;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
   * The {@code peers} array of {@code replay --peers.file --format json}: {@code {peer, direction,
   * method, code, count}}, {@code code} null for a request.
   */
  public static Map<String, Long> ofReplayJson(JsonNode summary) {
    Map<String, Long> counts = new TreeMap<>();
    for (JsonNode c : summary.path("peers")) {
      counts.merge(
          key(
              c.path("peer").asText(),
              c.path("direction").asText(),
              c.path("method").asText(),
              c.path("code").isNull() ? "" : c.path("code").asText()),
          c.path("count").asLong(),
          Long::sum);
    }
    return counts;
  }

  /**
   * The "By peer" section of {@code replay --peers.file}'s text summary, one line per (peer,
   * direction, method, code): {@code carrier-a in INVITE 437 6}, {@code (none)} for peer {@code ""}
   * with the direction left blank.
   */
  public static Map<String, Long> ofReplayText(String summary) {
    Map<String, Long> counts = new TreeMap<>();
    boolean inSection = false;
    for (String line : summary.lines().toList()) {
      if (line.startsWith("* ")) {
        inSection = line.startsWith("* By peer");
        continue;
      }
      if (!inSection || line.isBlank()) {
        continue;
      }
      String[] t = line.trim().split("\\s+");
      int at = 0;
      String peer = t[at].equals("(none)") ? "" : t[at];
      at++;
      String direction = t[at].equals("in") || t[at].equals("out") ? t[at++] : "";
      String method = t[at++];
      String code = at < t.length - 1 ? t[at] : "";
      counts.merge(key(peer, direction, method, code), Long.parseLong(t[t.length - 1]), Long::sum);
    }
    return counts;
  }

  /**
   * The final responses (200-699) tshark dissected in {@code capture} on {@code displayFilter},
   * each retransmission once (the same leg, Call-ID, CSeq, Via branches and code), keyed as {@link
   * #of(Tshark, String, Map)} names them: one per transaction on each leg.
   */
  public static Map<String, Long> finalResponsesOnce(
      Tshark capture, String displayFilter, Map<String, String> peerOfAddress) {
    Map<String, Long> counts = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    for (String[] row :
        capture.fields(
            "sip.Status-Code >= 200 && (" + displayFilter + ")",
            "sip.CSeq.method",
            "sip.Status-Code",
            "ip.src",
            "ip.dst",
            "udp.srcport",
            "udp.dstport",
            "sip.Call-ID",
            "sip.CSeq",
            "sip.Via.branch")) {
      if (seen.add(String.join("\t", row))) {
        counts.merge(
            key(peer(row, peerOfAddress), direction(row, peerOfAddress), row[0], row[1]),
            1L,
            Long::sum);
      }
    }
    return counts;
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
      counts.merge(
          key(peer(row, peerOfAddress), direction(row, peerOfAddress), row[0], row[1]),
          1L,
          Long::sum);
    }
    return counts;
  }

  /** The peer of a row whose source and destination addresses are fields 2 and 3. */
  private static String peer(String[] row, Map<String, String> peerOfAddress) {
    String from = peerOfAddress.get(row[2]);
    String to = peerOfAddress.get(row[3]);
    return from != null ? from : to != null ? to : "";
  }

  /** {@code in} when a peer sent it, {@code out} when it went to one, else {@code ""}. */
  private static String direction(String[] row, Map<String, String> peerOfAddress) {
    return peerOfAddress.containsKey(row[2])
        ? "in"
        : peerOfAddress.containsKey(row[3]) ? "out" : "";
  }
}
