package io.sipexporter.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves {@code /metrics} shaped like sip-exporter's contract, with counters growing at fixed
 * rates: lets the Prometheus, alert and dashboard plumbing be tested without the exporter. Per
 * second: INVITE answered 20, rejected 437 x4, 503 x2, 486 x2, 428 x1; REGISTER 200 x5 and 401 x5;
 * OPTIONS 200 x3; one parse error per 100 messages. Transaction tracking likewise: one transaction
 * per final response, one INVITE timing out every 2 s, retransmissions, unmatched responses, and
 * the duration, post-dial-delay and call-duration histograms filled at fixed shares per bucket. The
 * exporter's own health counters are all served and stay at 0 (no drops, limits, evictions, skew,
 * folding or refused sources), the web config reload gauge at 1 and the TLS certificate 30 days
 * from expiry: every collector-health panel has data.
 *
 * <p>{@link #withPeers} serves what an exporter run with {@code --peers.file} serves (issue 14):
 * the request, response and transaction counters and the transaction-duration and post-dial-delay
 * histograms each split in three, at a third of the rates: {@code peer="carrier-a"} with {@code
 * direction="in"} and {@code "out"}, and {@code peer="", direction=""} for traffic of no listed
 * peer, which Prometheus stores without the two labels.
 */
public final class SyntheticExporter implements AutoCloseable {
  private static final Map<String, Double> RESPONSE_RATES =
      Map.ofEntries(
          Map.entry("INVITE|100", 29.0),
          Map.entry("INVITE|180", 20.0),
          Map.entry("INVITE|200", 20.0),
          Map.entry("INVITE|437", 4.0),
          Map.entry("INVITE|503", 2.0),
          Map.entry("INVITE|486", 2.0),
          Map.entry("INVITE|428", 1.0),
          Map.entry("BYE|200", 20.0),
          Map.entry("REGISTER|200", 5.0),
          Map.entry("REGISTER|401", 5.0),
          Map.entry("OPTIONS|200", 3.0));
  private static final Map<String, String> REASONS =
      Map.of(
          "100",
          "Trying",
          "180",
          "Ringing",
          "200",
          "OK",
          "401",
          "Unauthorized",
          "428",
          "Use Identity Header",
          "437",
          "Unsupported Certificate",
          "486",
          "Busy Here",
          "503",
          "Service Unavailable");

  /** A histogram: its labels, observations per second, and the cumulative share per bucket. */
  private record Histogram(
      String name, String labels, double perSecond, double meanSeconds, double[][] shares) {}

  private static final Histogram[] HISTOGRAMS = {
    new Histogram(
        "sip_transaction_duration_seconds",
        "method=\"INVITE\",class=\"2xx\",",
        20,
        1.6,
        new double[][] {{0.5, 0}, {1, 0.3}, {2.5, 0.8}, {5, 1}}),
    new Histogram(
        "sip_transaction_duration_seconds",
        "method=\"BYE\",class=\"2xx\",",
        20,
        0.02,
        new double[][] {{0.01, 0.5}, {0.025, 0.9}, {0.05, 1}}),
    new Histogram(
        "sip_invite_post_dial_delay_seconds",
        "",
        29,
        1.4,
        new double[][] {{1, 0.2}, {1.5, 0.6}, {2, 0.9}, {3, 1}}),
    new Histogram(
        "sip_call_duration_seconds",
        "",
        20,
        90,
        new double[][] {{30, 0.1}, {60, 0.4}, {120, 0.8}, {300, 1}}),
  };

  /** The peer and direction label sets of {@link #withPeers}; {@code ""} without peers. */
  private static final String[] PEER_SETS = {
    "peer=\"carrier-a\",direction=\"in\",",
    "peer=\"carrier-a\",direction=\"out\",",
    "peer=\"\",direction=\"\","
  };

  private final HttpServer server;
  private final long startNanos = System.nanoTime();
  private final String[] peerSets;

  /** An exporter run without {@code --peers.file}: no peer or direction labels. */
  public SyntheticExporter(int port) {
    this(port, new String[] {""});
  }

  /** An exporter run with a peers file naming carrier-a (see the class comment). */
  public static SyntheticExporter withPeers(int port) {
    return new SyntheticExporter(port, PEER_SETS);
  }

  private SyntheticExporter(int port, String[] peerSets) {
    this.peerSets = peerSets.clone();
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] body = render().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  String render() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    StringBuilder out = new StringBuilder();
    out.append("# TYPE sip_responses_total counter\n");
    double messages = 0;
    for (Map.Entry<String, Double> e : RESPONSE_RATES.entrySet()) {
      for (String peer : peerSets) {
        String[] mc = e.getKey().split("\\|");
        double n = Math.floor(e.getValue() / peerSets.length * seconds);
        messages += n;
        out.append("sip_responses_total{")
            .append(peer)
            .append("method=\"")
            .append(mc[0])
            .append("\",code=\"")
            .append(mc[1])
            .append("\",class=\"")
            .append(mc[1].charAt(0))
            .append("xx\"} ")
            .append(n)
            .append('\n');
      }
    }
    out.append("# TYPE sip_requests_total counter\n");
    for (String[] m :
        new String[][] {
          {"INVITE", "29"}, {"ACK", "29"}, {"BYE", "20"}, {"REGISTER", "10"}, {"OPTIONS", "3"}
        }) {
      for (String peer : peerSets) {
        double n = Math.floor(Double.parseDouble(m[1]) / peerSets.length * seconds);
        messages += n;
        out.append("sip_requests_total{")
            .append(peer)
            .append("method=\"")
            .append(m[0])
            .append("\"} ")
            .append(n)
            .append('\n');
      }
    }
    out.append("# TYPE sip_exporter_messages_received_total counter\n")
        .append("sip_exporter_messages_received_total{input=\"sip\",transport=\"udp\"} ")
        .append(messages)
        .append('\n')
        .append("# TYPE sip_exporter_parse_errors_total counter\n")
        .append("sip_exporter_parse_errors_total{input=\"sip\",reason=\"bad_start_line\"} ")
        .append(Math.floor(messages / 100))
        .append('\n')
        .append("# TYPE sip_exporter_build_info gauge\n")
        .append("sip_exporter_build_info{version=\"0.0.0-synthetic\",revision=\"none\"} 1\n")
        .append("# TYPE sip_response_code_info gauge\n");
    REASONS.forEach(
        (code, reason) ->
            out.append("sip_response_code_info{code=\"")
                .append(code)
                .append("\",reason=\"")
                .append(reason)
                .append("\",class=\"")
                .append(code.charAt(0))
                .append("xx\"} 1\n"));
    renderTransactions(out, seconds, peerSets);
    renderReasons(out, seconds);
    renderHealth(out);
    out.append("# TYPE process_cpu_seconds_total counter\n")
        .append("process_cpu_seconds_total ")
        .append(0.01 * seconds)
        .append("\n")
        .append("# TYPE jvm_memory_used_bytes gauge\n")
        .append("jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"} 1.2E7\n")
        .append("jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"} 3.0E7\n");
    return out.toString();
  }

  private static void renderTransactions(StringBuilder out, double seconds, String[] peerSets) {
    out.append("# TYPE sip_transactions_total counter\n");
    RESPONSE_RATES.forEach(
        (key, rate) -> {
          String[] mc = key.split("\\|");
          for (String peer : mc[1].charAt(0) == '1' ? new String[0] : peerSets) {
            out.append("sip_transactions_total{")
                .append(peer)
                .append("method=\"")
                .append(mc[0])
                .append("\",code=\"")
                .append(mc[1])
                .append("\",class=\"")
                .append(mc[1].charAt(0))
                .append("xx\"} ")
                .append(Math.floor(rate / peerSets.length * seconds))
                .append('\n');
          }
        });
    counter(out, "sip_transactions_timed_out_total", "method=\"INVITE\"", 0.5 * seconds);
    counter(out, "sip_retransmissions_total", "method=\"INVITE\",type=\"request\"", seconds);
    counter(out, "sip_exporter_unmatched_responses_total", "method=\"INVITE\"", 0.2 * seconds);
    counter(out, "sip_exporter_transactions_evicted_total", "", 0);
    counter(out, "sip_exporter_calls_evicted_total", "", 0);
    counter(out, "sip_exporter_held_responses_evicted_total", "", 0);
    counter(out, "sip_calls_ended_total", "by=\"caller\"", 12 * seconds);
    counter(out, "sip_calls_ended_total", "by=\"callee\"", 8 * seconds);
    out.append("# TYPE sip_calls_active gauge\nsip_calls_active 35\n")
        .append("# TYPE sip_exporter_transactions_tracked gauge\n")
        .append("sip_exporter_transactions_tracked 120\n")
        .append("# TYPE sip_exporter_calls_tracked gauge\nsip_exporter_calls_tracked 40\n");
    String family = "";
    for (Histogram h : HISTOGRAMS) {
      if (!h.name().equals(family)) { // one TYPE line per family, its series together
        family = h.name();
        out.append("# TYPE ").append(family).append(" histogram\n");
      }
      boolean peered = !h.name().equals("sip_call_duration_seconds");
      for (String peer : peered ? peerSets : new String[] {""}) {
        histogram(
            out, h, peer, Math.floor(h.perSecond() / (peered ? peerSets.length : 1) * seconds));
      }
    }
  }

  /** One histogram's buckets, count and sum, with {@code peer} (label pairs, or "") first. */
  private static void histogram(StringBuilder out, Histogram h, String peer, double count) {
    String all = peer + h.labels();
    for (double[] share : h.shares()) {
      out.append(h.name())
          .append("_bucket{")
          .append(all)
          .append("le=\"")
          .append(share[0])
          .append("\"} ")
          .append(Math.floor(count * share[1]))
          .append('\n');
    }
    out.append(h.name())
        .append("_bucket{")
        .append(all)
        .append("le=\"+Inf\"} ")
        .append(count)
        .append('\n');
    String labels = all.isEmpty() ? "" : "{" + all.substring(0, all.length() - 1) + "}";
    out.append(h.name()).append("_count").append(labels).append(' ').append(count).append('\n');
    out.append(h.name())
        .append("_sum")
        .append(labels)
        .append(' ')
        .append(count * h.meanSeconds())
        .append('\n');
  }

  /** The collector's own health: every counter at 0, reload good, certificate far from expiry. */
  private static void renderHealth(StringBuilder out) {
    counter(out, "sip_exporter_udp_receive_drops_total", "input=\"sip\"", 0);
    counter(out, "sip_exporter_udp_receive_drops_total", "input=\"hep\"", 0);
    counter(
        out, "sip_exporter_limits_reached_total", "input=\"sip\",limit=\"tcp_max_connections\"", 0);
    counter(
        out, "sip_exporter_limits_reached_total", "input=\"sip\",limit=\"tcp_idle_timeout\"", 0);
    counter(
        out,
        "sip_exporter_messages_dropped_total",
        "input=\"sip\",reason=\"source_not_allowed\"",
        0);
    counter(out, "sip_exporter_responses_folded_total", "class=\"4xx\"", 0);
    counter(out, "sip_exporter_clock_skew_total", "input=\"sip\"", 0);
    out.append("# TYPE sip_exporter_config_last_reload_successful gauge\n")
        .append("sip_exporter_config_last_reload_successful{config=\"web\"} 1\n")
        .append("# TYPE sip_exporter_tls_certificate_expiry_timestamp_seconds gauge\n")
        .append("sip_exporter_tls_certificate_expiry_timestamp_seconds{config=\"web\"} ")
        .append(System.currentTimeMillis() / 1000 + 30 * 86400)
        .append('\n');
  }

  /** Reason causes (RFC 3326): why calls end, and STIR failures on calls that go on. */
  private static void renderReasons(StringBuilder out, double seconds) {
    out.append("# TYPE sip_reason_causes_total counter\n");
    String[][] reasons = {
      {"BYE", "Q.850", "16", "15"},
      {"BYE", "Q.850", "31", "2"},
      {"CANCEL", "Q.850", "16", "1"},
      {"CANCEL", "SIP", "200", "1"},
      {"INVITE", "STIR", "437", "0.5"}
    };
    for (String[] r : reasons) {
      counter(
          out,
          "sip_reason_causes_total",
          "method=\"" + r[0] + "\",protocol=\"" + r[1] + "\",cause=\"" + r[2] + "\"",
          Double.parseDouble(r[3]) * seconds);
    }
    out.append("# TYPE sip_exporter_reasons_malformed_total counter\n");
    counter(out, "sip_exporter_reasons_malformed_total", "input=\"sip\",reason=\"bad_cause\"", 0);
  }

  private static void counter(StringBuilder out, String name, String labels, double value) {
    out.append(name)
        .append(labels.isEmpty() ? "" : "{" + labels + "}")
        .append(' ')
        .append(Math.floor(value))
        .append('\n');
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
