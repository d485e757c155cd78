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
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Messages per second through the transaction tracker from two threads (two event loops), by how
 * the tracker is shared (issue 12): {@code per-loop}, a tracker per thread as before (no lock, but
 * a transaction split across loops misses); {@code one-lock}, one tracker of one shard behind one
 * lock; {@code shards}, one tracker of {@link TransactionTracker#shardsFor} shards, each locked.
 * Each thread plays its own OPTIONS transactions, request then 200, 10 ms of input time apart, so
 * about 3,200 per thread are held (completed ones absorbing retransmissions for 32 s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(2)
public class TrackerSharingBenchmark {
  private static final int PAIRS = 4096;

  @Param({"per-loop", "one-lock", "shards"})
  public String sharing;

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final TransactionMeters meters = new TransactionMeters(registry);
  private final CallMeters callMeters = new CallMeters(registry);
  private final AtomicInteger threads = new AtomicInteger();
  private TransactionTracker shared;

  @Setup
  public void setUp() {
    int shards = sharing.equals("shards") ? TransactionTracker.shardsFor(2) : 1;
    shared = new TransactionTracker(meters, callMeters, TrackerOptions.DEFAULTS, shards);
  }

  /** One event loop: its messages, scanned once, its input clock, and its tracker. */
  @State(Scope.Thread)
  public static class Loop {
    SipMessage[] messages;
    TransactionTracker tracker;
    long now = 1_700_000_000_000_000_000L;
    int next;

    @Setup
    public void setUp(TrackerSharingBenchmark bench) {
      int loop = bench.threads.getAndIncrement();
      tracker =
          bench.sharing.equals("per-loop")
              ? new TransactionTracker(bench.meters, bench.callMeters, TrackerOptions.DEFAULTS)
              : bench.shared;
      SipScanner scanner = new SipScanner();
      messages = new SipMessage[2 * PAIRS];
      for (int i = 0; i < PAIRS; i++) {
        String id = "bench-" + loop + "-" + i;
        messages[2 * i] = scan(scanner, request(id));
        messages[2 * i + 1] =
            scan(scanner, request(id).replaceFirst("^OPTIONS [^\r]*", "SIP/2.0 200 OK"));
      }
    }

    private static SipMessage scan(SipScanner scanner, String text) {
      byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
      SipMessage msg = new SipMessage();
      if (scanner.scan(bytes, 0, bytes.length, msg) != ScanResult.OK) {
        throw new IllegalStateException(text);
      }
      return msg;
    }

    private static String request(String id) {
      return "OPTIONS sip:bob@example.com SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-"
          + id
          + "\r\nFrom: <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>\r\n"
          + "Call-ID: "
          + id
          + "@bench\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }
  }

  /** A request and its final response. */
  @Benchmark
  @OperationsPerInvocation(2)
  public boolean transaction(Loop loop) {
    int i = loop.next;
    loop.next = (i + 2) % loop.messages.length;
    loop.now += 10_000_000L;
    loop.tracker.observe(loop.messages[i], loop.now);
    return loop.tracker.observe(loop.messages[i + 1], loop.now + 1_000_000L);
  }
}
