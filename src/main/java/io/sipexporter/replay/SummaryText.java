package io.sipexporter.replay;

import io.sipexporter.catalog.CodeClass;
import io.sipexporter.catalog.ResponseCodeCatalog;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code replay} without {@code --format}: the summary a person reads, laid out like {@code tshark
 * -z sip,stat} (requests by method, responses by class and code with reason phrases), plus
 * transactions, calls and what could not be read.
 */
public final class SummaryText {
  private static final String RULE = "=".repeat(67) + "\n";

  private SummaryText() {}

  public static String write(ReplaySummary s, ResponseCodeCatalog catalog) {
    CaptureReplay.Outcome o = s.outcome();
    StringBuilder b = new StringBuilder(2048).append(RULE);
    b.append("SIP statistics of ")
        .append(s.source().equals("-") ? "standard input" : s.source())
        .append('\n');
    b.append(o.frames()).append(" frames");
    if (o.frames() > 0) {
      b.append(", ").append(instant(o.firstNanos())).append(" to ").append(instant(o.lastNanos()));
      b.append(
          String.format(
              java.util.Locale.ROOT, " (%.3f s)", (o.lastNanos() - o.firstNanos()) / 1e9));
    }
    b.append('\n');
    b.append("SIP messages: ").append(s.requestCount() + s.responseCount());
    b.append(" (").append(joined(s.received())).append(")\n");

    b.append("\n* Requests: ").append(s.requestCount()).append('\n');
    s.requests().forEach((method, n) -> line(b, "  " + method, n));

    b.append("\n* Responses: ").append(s.responseCount()).append('\n');
    Map<CodeClass, Long> classes = new EnumMap<>(CodeClass.class);
    s.responses()
        .forEach((code, m) -> classes.merge(CodeClass.of(code), s.responseCount(code), Long::sum));
    classes.forEach(
        (cc, total) -> {
          line(b, "  " + cc.label() + " " + cc.displayName(), total);
          s.responses()
              .forEach(
                  (code, byMethod) -> {
                    if (CodeClass.of(code) == cc) {
                      b.append(
                          String.format(
                              java.util.Locale.ROOT,
                              "%-40s %10d   %s%n",
                              "    " + catalog.lookup(code).title(),
                              s.responseCount(code),
                              joined(byMethod)));
                    }
                  });
        });

    long completed = s.transactions().stream().mapToLong(ReplaySummary.Transaction::count).sum();
    long timedOut = s.timedOut().values().stream().mapToLong(Long::longValue).sum();
    b.append("\n* Transactions: ")
        .append(completed)
        .append(" completed, ")
        .append(timedOut)
        .append(" timed out");
    b.append(" (").append(o.openAtEnd()).append(" still open at the end of the capture)\n");
    Map<String, Map<CodeClass, Long>> byMethod = new java.util.LinkedHashMap<>();
    for (ReplaySummary.Transaction t : s.transactions()) {
      byMethod
          .computeIfAbsent(t.method(), k -> new EnumMap<>(CodeClass.class))
          .merge(CodeClass.of(t.code()), t.count(), Long::sum);
    }
    byMethod.forEach(
        (method, perClass) -> {
          StringJoiner j = new StringJoiner(", ");
          perClass.forEach((cc, n) -> j.add(cc.label() + " " + n));
          b.append(String.format(java.util.Locale.ROOT, "  %-16s %s%n", method, j));
        });
    if (!s.timedOut().isEmpty()) {
      b.append("  timed out: ").append(joined(s.timedOut())).append('\n');
    }
    if (!s.unmatchedResponses().isEmpty()) {
      b.append("  responses without their request: ")
          .append(joined(s.unmatchedResponses()))
          .append('\n');
    }
    if (!s.retransmissions().isEmpty()) {
      b.append("  retransmissions: ").append(joined(s.retransmissions())).append('\n');
    }

    long ended = s.callsEnded().values().stream().mapToLong(Long::longValue).sum();
    b.append("\n* Calls: ").append(ended).append(" ended");
    if (ended > 0) {
      b.append(" (by ").append(joined(s.callsEnded())).append(')');
    }
    b.append(", ").append(s.callsActive()).append(" still up at the end of the capture\n");

    if (!s.reasons().isEmpty() || !s.reasonsMalformed().isEmpty()) {
      long reasons = s.reasons().values().stream().mapToLong(Long::longValue).sum();
      b.append("\n* Reason causes: ").append(reasons).append('\n');
      s.reasons().forEach((key, n) -> line(b, "  " + key, n));
      if (!s.reasonsMalformed().isEmpty()) {
        b.append("  malformed: ").append(joined(s.reasonsMalformed())).append('\n');
      }
    }

    if (!s.peers().isEmpty()) {
      b.append("\n* By peer (--peers.file; in: the peer sent it, out: sent to the peer)\n");
      for (ReplaySummary.PeerCount c : s.peers()) {
        line(
            b,
            String.format(
                java.util.Locale.ROOT,
                "  %-16s %-3s %s%s",
                c.peer().isEmpty() ? "(none)" : c.peer(),
                c.direction(),
                c.method(),
                c.code() == 0 ? "" : " " + c.code()),
            c.count());
      }
    }

    long unreadable = s.unreadable().values().stream().mapToLong(Long::longValue).sum();
    b.append("\n* Unreadable: ").append(unreadable).append('\n');
    s.unreadable().forEach((reason, n) -> line(b, "  " + reason, n));
    return b.append(RULE).toString();
  }

  private static void line(StringBuilder b, String label, long n) {
    b.append(String.format(java.util.Locale.ROOT, "%-40s %10d%n", label, n));
  }

  private static String joined(Map<String, Long> counts) {
    StringJoiner j = new StringJoiner(", ");
    counts.forEach((k, n) -> j.add(k + " " + n));
    return counts.isEmpty() ? "none" : j.toString();
  }

  private static String instant(long epochNanos) {
    return Instant.ofEpochSecond(
            Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L))
        .toString();
  }
}
