package io.sipexporter.bench;

import gov.nist.javax.sip.header.Reason;
import gov.nist.javax.sip.message.SIPMessage;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.core.Input;
import io.sipexporter.core.Transport;
import io.sipexporter.pipeline.DefaultPipeline;
import io.sipexporter.pipeline.SipPipeline;
import io.sipexporter.sip.JainSip;
import io.sipexporter.sip.PreReasonScanner;
import io.sipexporter.sip.ReasonParser;
import io.sipexporter.sip.ScanResult;
import io.sipexporter.sip.SipCorpus;
import io.sipexporter.sip.SipMessage;
import io.sipexporter.sip.SipMethod;
import io.sipexporter.sip.SipScanner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What counting the Reason header (RFC 3326) costs: one BYE through the pipeline's scan and count
 * (Micrometer counters, tracker off) with and without {@code Reason: Q.850;cause=16}, JAIN-SIP
 * parsing the same BYE and reading its cause as the independent baseline, and the realistic corpus
 * (no Reason headers) through today's scanner and the one before it read Reason at all.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReasonBenchmark {
  private static final String BYE =
      "BYE sip:alice@192.0.2.10:5060;transport=udp SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bK-524287-1---4a4f3c1e9b6b;rport\r\n"
          + "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK776asdhds;received=198.51.100.7\r\n"
          + "Max-Forwards: 69\r\n"
          + "Route: <sip:192.0.2.1;lr>\r\n"
          + "From: <sip:+15551230000@example.com>;tag=b1f2c3\r\n"
          + "To: <sip:+15559870000@example.com>;tag=a9e8d7\r\n"
          + "Call-ID: 8b5c2d0e-77aa-4c1f-9e3b-0f6d2a1c9b44@192.0.2.20\r\n"
          + "CSeq: 2 BYE\r\n"
          + "User-Agent: SBC/4.2\r\n"
          + "%s"
          + "Content-Length: 0\r\n\r\n";
  private static final byte[] WITHOUT = bytes(BYE.formatted(""));
  private static final byte[] WITH =
      bytes(BYE.formatted("Reason: Q.850;cause=16;text=\"Normal call clearing\"\r\n"));

  /** The same line under a name no scanner reads: what any 52-byte header line costs. */
  private static final byte[] UNCOUNTED =
      bytes(BYE.formatted("Reasom: Q.850;cause=16;text=\"Normal call clearing\"\r\n"));

  private static final int MESSAGES = 1000;

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT); // as the exporter counts
  private final SipPipeline pipeline = DefaultPipeline.over(registry);
  private final SipScanner scanner = new SipScanner();
  private final PreReasonScanner preReason = new PreReasonScanner();
  private final SipMessage msg = new SipMessage();
  private final JainSip jainSip = new JainSip();
  private final long[] counts = new long[SipMethod.count() * 700];
  private byte[][] corpus;

  @Setup
  public void setUp() {
    pipeline.tracking(false); // the tracker's cost is the same with or without a Reason
    List<byte[]> messages = SipCorpus.realistic(20261125L, MESSAGES);
    corpus = messages.toArray(new byte[0][]);
  }

  /** A BYE scanned and counted by method, and its Reason value counted by (protocol, cause). */
  @Benchmark
  public ScanResult byeWithReason() {
    return pipeline.accept(Input.SIP, Transport.UDP, WITH, 0, WITH.length, 0);
  }

  /**
   * The BYE with the Reason line renamed so that nothing reads it: {@link #byeWithReason} minus
   * this is what counting the header adds to a message that carries it.
   */
  @Benchmark
  public ScanResult byeWithUncountedLine() {
    return pipeline.accept(Input.SIP, Transport.UDP, UNCOUNTED, 0, UNCOUNTED.length, 0);
  }

  /** The same BYE without its Reason header. */
  @Benchmark
  public ScanResult byeWithoutReason() {
    return pipeline.accept(Input.SIP, Transport.UDP, WITHOUT, 0, WITHOUT.length, 0);
  }

  /** The parts of {@link #byeWithReason}: the scan alone (finding the Reason line too). */
  @Benchmark
  public ScanResult scanWithReason() {
    return scanner.scan(WITH, 0, WITH.length, msg);
  }

  /** The scan alone, without the Reason line. */
  @Benchmark
  public ScanResult scanWithoutReason() {
    return scanner.scan(WITHOUT, 0, WITHOUT.length, msg);
  }

  /** The scan and the reading of the cause, without a counter. */
  @Benchmark
  public long scanAndReadReason() {
    scanner.scan(WITH, 0, WITH.length, msg);
    long sum = 0;
    ReasonParser reasons = msg.reasons();
    while (reasons.next()) {
      sum += reasons.protocol().ordinal() * 128L + reasons.cause();
    }
    return sum;
  }

  /** JAIN-SIP parsing the BYE with its Reason header and reading the cause. */
  @Benchmark
  public int byeWithReasonJainSip() {
    SIPMessage m = jainSip.parse(WITH);
    Reason reason = (Reason) m.getHeader("Reason");
    return reason.getCause() + reason.getProtocol().length();
  }

  /** The realistic corpus (no Reason headers) through today's scanner, counted by method. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long corpusScanner() {
    long errors = 0;
    for (byte[] b : corpus) {
      if (scanner.scan(b, 0, b.length, msg) == ScanResult.OK) {
        SipMethod m = msg.isRequest() ? msg.method() : msg.cseqMethod();
        counts[m.ordinal() * 700 + msg.statusCode()]++;
      } else {
        errors++;
      }
    }
    return errors;
  }

  /** The same through the scanner as it was before it looked for Reason headers. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long corpusPreReasonScanner() {
    long errors = 0;
    for (byte[] b : corpus) {
      if (preReason.scan(b, 0, b.length, msg) == ScanResult.OK) {
        SipMethod m = msg.isRequest() ? msg.method() : msg.cseqMethod();
        counts[m.ordinal() * 700 + msg.statusCode()]++;
      } else {
        errors++;
      }
    }
    return errors;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
