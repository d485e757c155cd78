package io.sipexporter.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.metrics.CallMeters;
import io.sipexporter.metrics.TransactionMeters;
import io.sipexporter.sip.ScanResult;
import io.sipexporter.sip.SipMessage;
import io.sipexporter.sip.SipScanner;
import io.sipexporter.transaction.TrackerOptions;
import io.sipexporter.transaction.TransactionTracker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory bound of the transaction tracker (a main class, not JMH: it measures heap and RSS, not
 * time per operation). Opens {@code capacity} never-answered INVITE transactions, then floods
 * {@code flood} more within the timeout, and prints heap after GC and RSS after each phase.
 *
 * <pre>{@code
 * mvn -B -o -Pbench package -DskipTests
 * java -Xmx256m -cp target/classes:target/test-classes:$(cat target/benchmarks.classpath) \
 *     io.sipexporter.bench.TrackerMemoryBenchmark 1000000 10000000
 * }</pre>
 */
public final class TrackerMemoryBenchmark {
  private static final int DIGITS = 10;
  private static final String TEMPLATE =
      "INVITE sip:bob@example.com SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-##########\r\n"
          + "Max-Forwards: 70\r\n"
          + "From: <sip:alice@example.com>;tag=a1\r\n"
          + "To: <sip:bob@example.com>\r\n"
          + "Call-ID: ##########@bench\r\n"
          + "CSeq: 1 INVITE\r\n"
          + "Content-Length: 0\r\n\r\n";

  private TrackerMemoryBenchmark() {}

  public static void main(String[] args) throws IOException {
    int capacity = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int flood = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
    report("baseline (JVM, no tracker)", null);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TrackerOptions options = TrackerOptions.builder().transactionCapacity(capacity).build();
    TransactionTracker tracker =
        new TransactionTracker(new TransactionMeters(registry), new CallMeters(registry), options);
    report("tracker created, empty", tracker);

    byte[] msg = TEMPLATE.getBytes(StandardCharsets.US_ASCII);
    int branch = TEMPLATE.indexOf('#');
    int callId = TEMPLATE.indexOf('#', branch + DIGITS);
    SipScanner scanner = new SipScanner();
    SipMessage sip = new SipMessage();
    long t = 1_700_000_000_000_000_000L; // input time: 40 ns apart, nothing reaches its timer
    long id = 0;
    long start = System.nanoTime();
    for (; id < capacity; id++) {
      t = observe(tracker, scanner, sip, msg, branch, callId, id, t);
    }
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "opened %,d transactions in %.2f s (%,.0f msg/s)%n", capacity, secs, capacity / secs);
    report("after opening " + capacity, tracker);

    start = System.nanoTime();
    for (long end = id + flood; id < end; id++) {
      t = observe(tracker, scanner, sip, msg, branch, callId, id, t);
    }
    secs = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "flooded %,d unanswered INVITEs in %.2f s (%,.0f msg/s)%n", flood, secs, flood / secs);
    report("after the flood", tracker);
    System.out.printf(
        "evicted: %,.0f transactions, %,.0f calls; timed out: %,.0f%n",
        registry.get("sip.exporter.transactions.evicted").counter().count(),
        registry.get("sip.exporter.calls.evicted").counter().count(),
        registry.get("sip.transactions.timed.out").tag("method", "INVITE").counter().count());

    long sweep = System.nanoTime();
    tracker.tick(t + 1_000_000_000L); // one whole sweep round, nothing due yet
    System.out.printf(
        "one full sweep round (both tables): %.2f ms%n", (System.nanoTime() - sweep) / 1e6);
    sweep = System.nanoTime();
    tracker.tick(t + 64_000_000_000L); // everything times out
    System.out.printf(
        "full round expiring every entry: %.2f ms; left: %d transactions%n",
        (System.nanoTime() - sweep) / 1e6, tracker.transactions());
    report("after every entry timed out", tracker);
  }

  private static long observe(
      TransactionTracker tracker,
      SipScanner scanner,
      SipMessage sip,
      byte[] msg,
      int branch,
      int callId,
      long id,
      long t) {
    for (int i = DIGITS - 1, v = (int) id; i >= 0; i--, v /= 10) {
      msg[branch + i] = (byte) ('0' + v % 10);
      msg[callId + i] = (byte) ('0' + v % 10);
    }
    if (scanner.scan(msg, 0, msg.length, sip) != ScanResult.OK) {
      throw new IllegalStateException("template does not scan");
    }
    tracker.observe(sip, t);
    return t + 40;
  }

  private static void report(String phase, TransactionTracker keepAlive) throws IOException {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    String rss =
        Files.readAllLines(Path.of("/proc/self/status")).stream()
            .filter(l -> l.startsWith("VmRSS:"))
            .findFirst()
            .orElse("VmRSS: ?")
            .substring(6)
            .trim();
    System.out.printf(
        "%-40s heap after GC %7.1f MiB   RSS %s   held %,d transactions, %,d calls%n",
        phase,
        heap / 1048576.0,
        rss,
        keepAlive == null ? 0 : keepAlive.transactions(),
        keepAlive == null ? 0 : keepAlive.calls());
    java.lang.ref.Reference.reachabilityFence(keepAlive);
  }
}
