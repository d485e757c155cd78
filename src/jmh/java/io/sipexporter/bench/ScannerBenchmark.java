package io.sipexporter.bench;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.sipexporter.sip.JainSip;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Messages per second through SipScanner versus JAIN-SIP's StringMsgParser, each followed by the
 * (simulated) per-(method, code) count the exporter does, on the same seeded 1,000-message corpus:
 * a realistic one (the headers a proxy's traffic carries) and the sparser differential-test one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScannerBenchmark {
  static final int MESSAGES = 1000;

  /**
   * realistic: messages as a proxy sees them (~0.9 KB); sparse: the differential test's (~0.4 KB).
   */
  @Param({"realistic", "sparse"})
  public String corpusKind;

  private byte[][] corpus;
  private final SipScanner scanner = new SipScanner();
  private final SipMessage msg = new SipMessage();
  private final JainSip jainSip = new JainSip();

  /** One counter per (method, code), as the meters keep them: no map lookup per message. */
  private final long[] counts = new long[SipMethod.count() * 700];

  @Setup
  public void setUp() {
    List<byte[]> messages =
        corpusKind.equals("realistic")
            ? SipCorpus.realistic(20261125L, MESSAGES)
            : SipCorpus.generate(20261125L, MESSAGES);
    corpus = messages.toArray(new byte[0][]);
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long scanner() {
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

  /**
   * {@link #scanner} plus both From and To tags read for every message: more than the transaction
   * tracker asks for (the To tag of responses and INVITEs, the From tag of call-creating INVITEs
   * and BYEs), so an upper bound on the scan cost of a tracked message.
   */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long scannerWithTags() {
    long errors = 0;
    for (byte[] b : corpus) {
      if (scanner.scan(b, 0, b.length, msg) == ScanResult.OK) {
        SipMethod m = msg.isRequest() ? msg.method() : msg.cseqMethod();
        counts[m.ordinal() * 700 + msg.statusCode()] += 1 + msg.fromTagLength() + msg.toTagLength();
      } else {
        errors++;
      }
    }
    return errors;
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long jainSip() {
    long errors = 0;
    for (byte[] b : corpus) {
      SIPMessage m = jainSip.parse(b);
      if (m == null || m.getCSeq() == null) {
        errors++;
      } else if (m instanceof SIPRequest req) {
        counts[method(req.getMethod()).ordinal() * 700]++;
      } else {
        int code = ((SIPResponse) m).getStatusCode();
        counts[method(m.getCSeq().getMethod()).ordinal() * 700 + Math.floorMod(code, 700)]++;
      }
    }
    return errors;
  }

  private static SipMethod method(String name) {
    byte[] b = name.getBytes(StandardCharsets.US_ASCII);
    return SipMethod.match(b, 0, b.length);
  }
}
