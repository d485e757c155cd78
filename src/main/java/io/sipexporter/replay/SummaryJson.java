package io.sipexporter.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipexporter.catalog.CodeClass;
import io.sipexporter.catalog.ResponseCode;
import io.sipexporter.catalog.ResponseCodeCatalog;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code replay --format json}: the summary for scripts. Field names are stable; the schema is in
 * {@code docs/replay.md}. Maps hold non-zero counts only.
 *
 * <pre>{@code
 * System.out.print(SummaryJson.write(summary, ResponseCodeCatalog.load()));
 * }</pre>
 */
public final class SummaryJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SummaryJson() {}

  public static String write(ReplaySummary s, ResponseCodeCatalog catalog) {
    CaptureReplay.Outcome o = s.outcome();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("source", s.source());
    root.put("complete", o.captureError() == null);
    if (o.captureError() == null) {
      root.putNull("error");
    } else {
      root.put("error", o.captureError().reason());
    }
    root.put("frames", o.frames());
    if (o.frames() == 0) {
      root.putNull("firstTime").putNull("lastTime");
    } else {
      root.put("firstTime", instant(o.firstNanos())).put("lastTime", instant(o.lastNanos()));
    }
    root.put("durationSeconds", (o.lastNanos() - o.firstNanos()) / 1e9);
    counts(root.putObject("received"), s.received());
    counts(root.putObject("requests"), s.requests());
    ArrayNode responses = root.putArray("responses");
    Map<String, Long> classes = new TreeMap<>();
    s.responses()
        .forEach(
            (code, byMethod) -> {
              ResponseCode c = catalog.lookup(code);
              long total = s.responseCount(code);
              classes.merge(c.codeClass().label(), total, Long::sum);
              ObjectNode r = responses.addObject().put("code", code);
              if (c.registered()) {
                r.put("reason", c.reason());
              } else {
                r.putNull("reason");
              }
              r.put("class", c.codeClass().label()).put("count", total);
              counts(r.putObject("methods"), byMethod);
            });
    counts(root.putObject("responseClasses"), classes);
    ObjectNode tx = root.putObject("transactions");
    ArrayNode completed = tx.putArray("completed");
    for (ReplaySummary.Transaction t : s.transactions()) {
      completed
          .addObject()
          .put("method", t.method())
          .put("code", t.code())
          .put("class", CodeClass.of(t.code()).label())
          .put("count", t.count());
    }
    counts(tx.putObject("timedOut"), s.timedOut());
    tx.put("openAtEnd", o.openAtEnd());
    counts(tx.putObject("unmatchedResponses"), s.unmatchedResponses());
    counts(tx.putObject("retransmissions"), s.retransmissions());
    ObjectNode calls = root.putObject("calls");
    calls.put("activeAtEnd", s.callsActive());
    counts(calls.putObject("ended"), s.callsEnded());
    counts(root.putObject("unreadable"), s.unreadable());
    ObjectNode reasons = root.putObject("reasons");
    counts(reasons.putObject("causes"), s.reasons());
    counts(reasons.putObject("malformed"), s.reasonsMalformed());
    if (!s.peers().isEmpty()) {
      ArrayNode peers = root.putArray("peers");
      for (ReplaySummary.PeerCount c : s.peers()) {
        ObjectNode n =
            peers
                .addObject()
                .put("peer", c.peer())
                .put("direction", c.direction())
                .put("method", c.method());
        if (c.code() == 0) {
          n.putNull("code");
        } else {
          n.put("code", c.code());
        }
        n.put("count", c.count());
      }
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // a tree of plain nodes always serialises
    }
  }

  private static void counts(ObjectNode node, Map<String, Long> counts) {
    counts.forEach(node::put);
  }

  private static String instant(long epochNanos) {
    return Instant.ofEpochSecond(
            Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L))
        .toString();
  }
}
