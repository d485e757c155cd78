package io.sipexporter.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.replay.CaptureReplay;
import io.sipexporter.transaction.TrackerOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One replay of a capture held in memory, after start-up (issue 15): capture reader, IP/UDP decode,
 * SIP scanner, counters, transaction and call tracking, as {@code sip-exporter replay} runs them,
 * with a fresh replay (registry and tables) for every operation, made outside the timing. Messages
 * per second are the capture's messages over the time per operation. The capture comes from {@code
 * scripts/make-sip-capture.py}:
 *
 * <pre>{@code
 * scripts/make-sip-capture.py --messages 100000 /tmp/sip-bench-100000.pcap
 * mvn -o -q -Pbench -DskipTests package
 * java -cp "target/test-classes:target/classes:$(cat target/benchmarks.classpath)" \
 *     org.openjdk.jmh.Main ReplayBenchmark -p capture=/tmp/sip-bench-100000.pcap
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class ReplayBenchmark {
  @Param("/tmp/sip-bench-100000.pcap")
  public String capture;

  private byte[] bytes;
  private CaptureReplay replay;

  @Setup(Level.Trial)
  public void load() throws IOException {
    bytes = Files.readAllBytes(Path.of(capture));
  }

  @Setup(Level.Invocation)
  public void fresh() {
    replay =
        new CaptureReplay(
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), TrackerOptions.DEFAULTS, 65_535);
  }

  @Benchmark
  public long replay() throws IOException {
    return replay.read(new ByteArrayInputStream(bytes)).frames();
  }
}
