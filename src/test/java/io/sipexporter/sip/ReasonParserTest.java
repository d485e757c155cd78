package io.sipexporter.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reason values (RFC 3326 2) in the shapes the vectors of {@code src/test/resources/sip} do not
 * show: quoted-pairs and separators inside the text, folded lines, an unterminated quote.
 */
class ReasonParserTest {
  private final SipScanner scanner = new SipScanner();
  private final SipMessage msg = new SipMessage();

  static Stream<Arguments> values() {
    return Stream.of(
        arguments("SIP;text=\"a \\\" , b; c\";cause=480", "SIP:480"),
        arguments("SIP ;cause=480;text=\"x\\\\\", Q.850 ;cause=17", "SIP:480 Q.850:17"),
        arguments("Q.850;cause=16;text=\"never closed, Q.850;cause=17", "Q.850:16"),
        arguments("Q.850;\r\n cause=34", "Q.850:34"),
        arguments("Q.850;cause= 41 ;text=\"t\"", "Q.850:41"),
        arguments("Q.850;cause=16;cause=17", "Q.850:16"),
        arguments("Q.850;cause", "!bad_cause"),
        arguments("Q.850;cause=\"16\"", "!bad_cause"),
        arguments("STIR;cause=99999999999999", "STIR:2147483647"),
        arguments("Q.850;causes=16", "!missing_cause"),
        arguments("Q.850;cause=16,, SIP;cause=200", "Q.850:16 !missing_protocol SIP:200"),
        arguments("X-Vendor;cause=7", "other:7"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void readsEachReasonValue(String value, String expected) {
    byte[] bye =
        ("BYE sip:a@192.0.2.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK-1\r\n"
                + "Call-ID: r1\r\nCSeq: 2 BYE\r\nReason: "
                + value
                + "\r\nContent-Length: 0\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    assertThat(scanner.scan(bye, 0, bye.length, msg)).isEqualTo(ScanResult.OK);
    assertThat(SipScannerVectorTest.reasons(msg)).isEqualTo(expected);
  }
}
