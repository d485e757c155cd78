package io.sipexporter.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.metrics.CodeLabels;
import io.sipexporter.metrics.LabelSets;
import io.sipexporter.metrics.NodeTable;
import io.sipexporter.metrics.SeriesBudget;
import io.sipexporter.metrics.TrafficCounters;
import io.sipexporter.metrics.TransactionMeters;
import io.sipexporter.sip.SipMessage;
import io.sipexporter.sip.SipMethod;
import java.util.Arrays;
import java.util.Locale;

/**
 * What {@code --peers.file} costs in series, scrape bytes, scrape time and heap: N peers, each
 * showing the same typical trunk traffic both ways (25 method/code pairs of responses, every
 * request method, the transactions, durations and post-dial delays they make), counted through the
 * exporter's own counters under a series budget. A main class, not JMH: it measures a state, not a
 * rate.
 *
 * <pre>{@code
 * java -cp target/classes:target/test-classes:$(cat target/benchmarks.classpath) \
 *     io.sipexporter.bench.PeerSeriesFootprint 100 5000
 * }</pre>
 */
public final class PeerSeriesFootprint {
  // (method, code) pairs a trunk typically shows
  private static final Object[][] PAIRS = {
    {SipMethod.INVITE, 100}, {SipMethod.INVITE, 180}, {SipMethod.INVITE, 183},
    {SipMethod.INVITE, 200}, {SipMethod.INVITE, 401}, {SipMethod.INVITE, 407},
    {SipMethod.INVITE, 408}, {SipMethod.INVITE, 480}, {SipMethod.INVITE, 486},
    {SipMethod.INVITE, 487}, {SipMethod.INVITE, 503}, {SipMethod.INVITE, 603},
    {SipMethod.BYE, 200}, {SipMethod.BYE, 481}, {SipMethod.CANCEL, 200},
    {SipMethod.REGISTER, 200}, {SipMethod.REGISTER, 401}, {SipMethod.OPTIONS, 200},
    {SipMethod.SUBSCRIBE, 200}, {SipMethod.NOTIFY, 200}, {SipMethod.UPDATE, 200},
    {SipMethod.PRACK, 200}, {SipMethod.INFO, 200}, {SipMethod.MESSAGE, 200},
    {SipMethod.REFER, 202}
  };

  private PeerSeriesFootprint() {}

  public static void main(String[] args) {
    int peers = Integer.parseInt(args[0]);
    int budget = args.length > 1 ? Integer.parseInt(args[1]) : SeriesBudget.DEFAULT;
    long heapBefore = usedHeap();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    LabelSets sets = new LabelSets(new NodeTable(0), peers > 0, new SeriesBudget(budget, registry));
    TrafficCounters counters = new TrafficCounters(registry, sets, CodeLabels.unbounded());
    TransactionMeters tx = new TransactionMeters(registry, null, CodeLabels.unbounded(), sets);
    SipMessage msg = new SipMessage();
    for (int p = 0; p < Math.max(1, peers); p++) {
      int slot = peers == 0 ? LabelSets.NO_PEER : sets.peerSlot("carrier-" + p);
      for (int direction : peers == 0 ? new int[] {0} : new int[] {LabelSets.IN, LabelSets.OUT}) {
        int set = sets.index(NodeTable.NOT_HEP, slot, direction);
        msg.labelSet(set);
        for (Object[] pair : PAIRS) {
          SipMethod method = (SipMethod) pair[0];
          int code = (Integer) pair[1];
          counters.request(set, method);
          counters.response(set, method, code);
          if (code >= 200) {
            tx.completed(method, code, 50_000_000L, msg);
          }
          if (method == SipMethod.INVITE && code == 180) {
            tx.postDialDelay(1_000_000_000L, msg);
          }
        }
      }
    }
    long heapAfter = usedHeap();
    String scrape = registry.scrape();
    long[] nanos = new long[15];
    for (int i = 0; i < nanos.length; i++) {
      long t = System.nanoTime();
      scrape = registry.scrape();
      nanos[i] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);
    long sipLines =
        scrape.lines().filter(l -> l.startsWith("sip_") && !l.startsWith("sip_exporter")).count();
    long peerLines = scrape.lines().filter(l -> l.contains("peer=\"carrier-")).count();
    long otherLines = scrape.lines().filter(l -> l.contains("peer=\"other\"")).count();
    System.out.printf(
        Locale.ROOT,
        "peers %d budget %d: SIP series lines %,d (own peer %,d, peer=other %,d), scrape %,d bytes,"
            + " scrape median %.1f ms, heap +%.1f MB, budget used %d%n",
        peers,
        budget,
        sipLines,
        peerLines,
        otherLines,
        scrape.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
        nanos[nanos.length / 2] / 1e6,
        (heapAfter - heapBefore) / 1e6,
        registry.find("sip.exporter.series.budget.used").gauge() == null
            ? 0
            : (long) registry.find("sip.exporter.series.budget.used").gauge().value());
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
