package io.sipexporter.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scans each vector of {@code src/test/resources/sip} and checks the fields in {@code
 * expected.csv}.
 */
class SipScannerVectorTest {
  private final SipScanner scanner = new SipScanner();
  private final SipMessage msg = new SipMessage();

  static List<SipVectors.Vector> vectors() {
    return SipVectors.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void scansVector(SipVectors.Vector v) {
    byte[] bytes = v.bytes();
    assertThat(scanner.scan(bytes, 0, bytes.length, msg)).isEqualTo(v.result());
    if (v.result() == ScanResult.OK) {
      assertFields(v, msg);
    }
  }

  @ParameterizedTest(name = "{0} at an offset")
  @MethodSource("vectors")
  void scansVectorAtAnOffset(SipVectors.Vector v) {
    byte[] bytes = v.bytes();
    byte[] padded = new byte[bytes.length + 13];
    Arrays.fill(padded, (byte) 'X');
    System.arraycopy(bytes, 0, padded, 13, bytes.length);
    assertThat(scanner.scan(padded, 13, bytes.length, msg)).isEqualTo(v.result());
    if (v.result() == ScanResult.OK) {
      assertFields(v, msg);
      assertThat(msg.bodyOffset()).isEqualTo(13 + msg.headerLength());
    }
  }

  @Test
  void everyVectorFileHasExpectations() {
    String[] files = new File("src/test/resources/sip").list((dir, name) -> name.endsWith(".sip"));
    List<String> listed =
        vectors().stream().map(SipVectors.Vector::file).collect(Collectors.toList());
    assertThat(listed).containsExactlyInAnyOrder(files);
  }

  /**
   * The message's Reason values as {@code expected.csv} writes them: {@code Q.850:16 !bad_cause}.
   */
  static String reasons(SipMessage msg) {
    return reasons(msg.reasons(), msg);
  }

  /**
   * The values {@code reasons} reads (restarted) of {@code msg}, as {@link #reasons(SipMessage)}.
   */
  static String reasons(ReasonParser reasons, SipMessage msg) {
    StringBuilder out = new StringBuilder();
    while (reasons.next()) {
      out.append(out.length() == 0 ? "" : " ");
      if (reasons.error() != null) {
        out.append('!').append(reasons.error().reason());
      } else {
        out.append(reasons.protocol().label()).append(':').append(reasons.cause());
      }
    }
    if (msg.reasonHeadersDropped() > 0) {
      out.append(" +").append(msg.reasonHeadersDropped());
    }
    return out.toString();
  }

  private static void assertFields(SipVectors.Vector v, SipMessage msg) {
    assertThat(msg.isRequest()).as("request").isEqualTo(v.column(2).equals("request"));
    if (msg.isRequest()) {
      assertThat(msg.method().name()).as("method").isEqualTo(v.column(3));
      assertThat(msg.statusCode()).as("status").isZero();
    } else {
      assertThat(msg.statusCode()).as("status").isEqualTo(Integer.parseInt(v.column(4)));
    }
    assertThat(msg.callId()).as("Call-ID").isEqualTo(v.column(5));
    assertThat(msg.cseqNumber()).as("CSeq number").isEqualTo(Long.parseLong(v.column(6)));
    assertThat(msg.cseqMethod().name()).as("CSeq method").isEqualTo(v.column(7));
    assertThat(msg.branch()).as("branch").isEqualTo(v.column(8));
    assertThat(msg.fromTag()).as("From tag").isEqualTo(v.column(11));
    assertThat(msg.toTag()).as("To tag").isEqualTo(v.column(12));
    assertThat(msg.contentLength()).as("Content-Length").isEqualTo(Integer.parseInt(v.column(9)));
    assertThat(msg.bodyLength()).as("body length").isEqualTo(Integer.parseInt(v.column(10)));
    assertThat(reasons(msg)).as("Reason values").isEqualTo(v.column(13));
    byte[] buf = msg.buffer();
    int end = msg.bodyOffset();
    assertThat(end).as("header length").isGreaterThanOrEqualTo(2);
    assertThat(buf[end - 1]).as("headers end with a line feed").isEqualTo((byte) '\n');
  }
}
