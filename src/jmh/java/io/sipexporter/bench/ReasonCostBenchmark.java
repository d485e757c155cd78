package io.sipexporter.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@link ReasonBenchmark}'s operations timed in interleaved bursts (a main class, not JMH), for a
 * machine too busy for JMH's one-benchmark-after-another runs: each round times a short burst of
 * every operation back to back, in an order that rotates each round, so load that comes and goes
 * hits them alike; the cost of a Reason is the median over rounds of the difference within a round.
 *
 * <pre>{@code
 * mvn -B -o -Pbench package -DskipTests
 * java -cp target/classes:target/test-classes:$(cat target/benchmarks.classpath) \
 *     io.sipexporter.bench.ReasonCostBenchmark 600
 * }</pre>
 */
public final class ReasonCostBenchmark {
  private static volatile long sink;

  private ReasonCostBenchmark() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
    ReasonBenchmark b = new ReasonBenchmark();
    b.setUp();
    String[] names = {
      "byeWithoutReason",
      "byeWithReason",
      "byeWithUncountedLine",
      "scanWithoutReason",
      "scanWithReason",
      "scanAndReadReason",
      "corpusPreReasonScanner (per message)",
      "corpusScanner (per message)",
      "byeWithReasonJainSip"
    };
    LongSupplier[] ops = {
      () -> b.byeWithoutReason().ordinal(),
      () -> b.byeWithReason().ordinal(),
      () -> b.byeWithUncountedLine().ordinal(),
      () -> b.scanWithoutReason().ordinal(),
      () -> b.scanWithReason().ordinal(),
      b::scanAndReadReason,
      b::corpusPreReasonScanner,
      b::corpusScanner,
      b::byeWithReasonJainSip
    };
    // operations per burst: about 2-5 ms each (a corpus operation is 1,000 messages)
    int[] burst = {10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10, 10, 100};
    int[] perOp = {1, 1, 1, 1, 1, 1, 1000, 1000, 1};
    for (int w = 0; w < rounds / 3; w++) { // warm-up: let the JIT settle on every path
      for (int i = 0; i < ops.length; i++) {
        time(ops[i], burst[i]);
      }
    }
    double[][] ns = new double[ops.length][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < ops.length; k++) {
        int i = (k + r) % ops.length;
        ns[i][r] = time(ops[i], burst[i]) / ((double) burst[i] * perOp[i]);
      }
    }
    for (int i = 0; i < ops.length; i++) {
      System.out.printf(
          Locale.ROOT,
          "%-38s median %9.1f ns  p10 %9.1f ns%n",
          names[i],
          quantile(ns[i], 0.5),
          quantile(ns[i], 0.1));
    }
    pair("counting a Reason (byeWith - byeWithUncountedLine)", ns[1], ns[2]);
    pair("Reason through the pipeline (byeWith - byeWithout)", ns[1], ns[0]);
    pair("Reason line in the scan (scanWith - scanWithout)", ns[4], ns[3]);
    pair("reading the cause (scanAndRead - scanWith)", ns[5], ns[4]);
    pair("no-Reason corpus (today - before Reason)", ns[7], ns[6]);
    double jain = quantile(ns[8], 0.5);
    System.out.printf(
        Locale.ROOT,
        "JAIN-SIP / pipeline on the BYE with Reason: %.1fx%n",
        jain / quantile(ns[1], 0.5));
    System.out.println(sink == 42 ? "" : "");
  }

  private static long time(LongSupplier op, int n) {
    long acc = 0;
    long start = System.nanoTime();
    for (int j = 0; j < n; j++) {
      acc += op.getAsLong();
    }
    long elapsed = System.nanoTime() - start;
    sink += acc;
    return elapsed;
  }

  /** The median and p10/p90 over rounds of {@code a - b}, each pair timed in the same round. */
  private static void pair(String what, double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int r = 0; r < a.length; r++) {
      d[r] = a[r] - b[r];
    }
    System.out.printf(
        Locale.ROOT,
        "%-52s median %+7.1f ns  (p10 %+7.1f, p90 %+7.1f; ratio of medians %.3f)%n",
        what,
        quantile(d, 0.5),
        quantile(d, 0.1),
        quantile(d, 0.9),
        quantile(a, 0.5) / quantile(b, 0.5));
  }

  private static double quantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
  }
}
