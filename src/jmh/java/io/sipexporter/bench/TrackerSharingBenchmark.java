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
 * Each thread plays its own OPTIONS transactions, request then 200 ({@link Loop}); a per-loop
 * tracker has half the capacity, as each loop's share was. Figures are messages per second, both
 * threads together.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(2)
public class TrackerSharingBenchmark {
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

  /**
   * One event loop: a request and its 200, scanned once; each transaction writes a new number into
   * their branch and Call-ID bytes (the tracker hashes the bytes when it observes), so every one is
   * new. Input time advances 400 us a transaction per loop (2,500 a second each): with 32 s of
   * retransmission absorption about 80,000 per loop are held, within either table's capacity.
   */
  @State(Scope.Thread)
  public static class Loop {
    private static final int DIGITS = 10;
    final SipMessage request = new SipMessage();
    final SipMessage response = new SipMessage();
    byte[] requestBytes;
    byte[] responseBytes;
    int[] requestAt;
    int[] responseAt;
    TransactionTracker tracker;
    long now = 1_700_000_000_000_000_000L;
    long id;

    @Setup
    public void setUp(TrackerSharingBenchmark bench) {
      int loop = bench.threads.getAndIncrement();
      tracker =
          bench.sharing.equals("per-loop")
              ? new TransactionTracker(
                  bench.meters,
                  bench.callMeters,
                  TrackerOptions.builder()
                      .transactionCapacity(TrackerOptions.DEFAULTS.transactionCapacity() / 2)
                      .callCapacity(TrackerOptions.DEFAULTS.callCapacity() / 2)
                      .build())
              : bench.shared;
      String req = request(loop);
      requestBytes = req.getBytes(StandardCharsets.US_ASCII);
      responseBytes =
          req.replaceFirst("^OPTIONS [^\r]*", "SIP/2.0 200 OK").getBytes(StandardCharsets.US_ASCII);
      requestAt = positions(requestBytes);
      responseAt = positions(responseBytes);
    }

    private static int[] positions(byte[] b) {
      String text = new String(b, StandardCharsets.US_ASCII);
      int first = text.indexOf('#');
      return new int[] {first, text.indexOf('#', first + DIGITS)};
    }

    /** Writes {@code id} into both messages and scans them. */
    void next() {
      id++;
      write(requestBytes, requestAt);
      write(responseBytes, responseAt);
      scan(requestBytes, request);
      scan(responseBytes, response);
    }

    private void write(byte[] b, int[] at) {
      for (int p : at) {
        long v = id;
        for (int i = DIGITS - 1; i >= 0; i--, v /= 10) {
          b[p + i] = (byte) ('0' + v % 10);
        }
      }
    }

    private final SipScanner scanner = new SipScanner();

    private void scan(byte[] bytes, SipMessage msg) {
      if (scanner.scan(bytes, 0, bytes.length, msg) != ScanResult.OK) {
        throw new IllegalStateException(new String(bytes, StandardCharsets.US_ASCII));
      }
    }

    private static String request(int loop) {
      return "OPTIONS sip:bob@example.com SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-"
          + loop
          + "-##########\r\nFrom: <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>\r\n"
          + "Call-ID: ##########@loop"
          + loop
          + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }
  }

  /** Scanning a request and its 200 alone: subtract it from {@link #transaction}. */
  @Benchmark
  @OperationsPerInvocation(2)
  public long scanOnly(Loop loop) {
    loop.next();
    return loop.id;
  }

  /** A new request and its final response, scanned and tracked. */
  @Benchmark
  @OperationsPerInvocation(2)
  public boolean transaction(Loop loop) {
    loop.next();
    loop.now += 400_000L;
    loop.tracker.observe(loop.request, loop.now);
    return loop.tracker.observe(loop.response, loop.now + 100_000L);
  }
}
