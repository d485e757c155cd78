package io.sipexporter.bench;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.metrics.CallIdExemplars;
import io.sipexporter.metrics.TransactionMeters;
import io.sipexporter.sip.ScanResult;
import io.sipexporter.sip.SipMessage;
import io.sipexporter.sip.SipMethod;
import io.sipexporter.sip.SipScanner;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code --transactions.exemplars} costs one duration observation: a completed transaction
 * recorded on {@link TransactionMeters} with exemplars off and on (client_java's sampler keeps one
 * every 90 ms at most). Run with {@code -prof gc} for the allocation per operation.
 *
 * <pre>{@code
 * mvn -B -o -Pbench -DskipTests package
 * java -cp "target/test-classes:target/classes:$(cat target/benchmarks.classpath)" \
 *     org.openjdk.jmh.Main ExemplarBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExemplarBenchmark {
  private static final byte[] OK =
      ("SIP/2.0 200 OK\r\n"
              + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-74bf9\r\n"
              + "From: <sip:alice@example.com>;tag=9fxced76sl\r\n"
              + "To: <sip:bob@example.com>;tag=8321234356\r\n"
              + "Call-ID: 3848276298220188511@atlanta.example.com\r\n"
              + "CSeq: 1 INVITE\r\n"
              + "Content-Length: 0\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);

  @Param({"false", "true"})
  public boolean exemplars;

  private TransactionMeters meters;
  private final SipMessage msg = new SipMessage();
  private long nanos;

  @Setup
  public void setUp() {
    CallIdExemplars context = exemplars ? new CallIdExemplars() : null;
    PrometheusMeterRegistry registry = CallIdExemplars.newRegistry(context);
    meters = new TransactionMeters(registry, context);
    if (new SipScanner().scan(OK, 0, OK.length, msg) != ScanResult.OK) {
      throw new IllegalStateException("benchmark message does not scan");
    }
  }

  /** One completed INVITE: the transaction counter and the duration histogram. */
  @Benchmark
  public void completed() {
    nanos = (nanos + 7_919_000L) % 40_000_000_000L; // spread over the buckets
    meters.completed(SipMethod.INVITE, 200, nanos, msg);
  }
}
