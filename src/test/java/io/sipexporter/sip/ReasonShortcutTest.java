package io.sipexporter.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ReasonParser}'s shortcut for the usual value ({@code Q.850;cause=16}) reads exactly what
 * its general path reads: both run over Reason headers built from fragments that sit on each edge
 * of the shortcut (case, whitespace, digit counts, a token or a quoted COMMA after the cause, more
 * values after it, a value cut short at the end of the buffer).
 */
class ReasonShortcutTest {
  private static final String[] PROTOCOLS = {
    "Q.850", "q.850", "SIP", "sip", "Sip", "STIR", "stir", "Q.85", "SIPS", "X", "", "Q.850 "
  };
  private static final String[] CAUSES = {
    ";cause=16",
    ";CAUSE=200",
    ";cause=0",
    ";cause=",
    ";cause=123456789",
    ";cause=1234567890",
    ";cause=99999999999",
    ";cause=999999999999",
    ";cause=99999999999999",
    ";cause=16a",
    ";cause=1.6",
    ";cause= 16",
    "; cause=16",
    ";cause =16",
    ";causes=16",
    ";cause",
    ";text=\"x\";cause=31",
    "",
  };
  private static final String[] TAILS = {
    "",
    ";text=\"Normal call clearing\"",
    ";text=\"a, b\"",
    ";text=\"a \\\" , b\"",
    ";text=\"never closed, Q.850;cause=17",
    ", SIP;cause=480",
    ",",
    " ",
    ";cause=17",
    "\r\n ;text=\"folded\"",
  };

  @Test
  void shortcutReadsWhatTheGeneralPathReads() {
    SipScanner scanner = new SipScanner();
    SipMessage msg = new SipMessage();
    ReasonParser general = new ReasonParser(msg, false);
    SplittableRandom random = new SplittableRandom(3326);
    int shortcutShapes = 0;
    for (int i = 0; i < 20_000; i++) {
      String value =
          PROTOCOLS[random.nextInt(PROTOCOLS.length)]
              + CAUSES[random.nextInt(CAUSES.length)]
              + TAILS[random.nextInt(TAILS.length)];
      byte[] bye = bye(value, random.nextBoolean());
      assertThat(scanner.scan(bye, 0, bye.length, msg)).as(value).isIn(ScanResult.OK);
      general.restart();
      String expected = SipScannerVectorTest.reasons(general, msg);
      assertThat(SipScannerVectorTest.reasons(msg)).as(value).isEqualTo(expected);
      shortcutShapes += expected.matches("(SIP|Q\\.850|STIR):\\d+") ? 1 : 0;
    }
    assertThat(shortcutShapes).as("values of the usual shape").isGreaterThan(1_000);
  }

  /** A BYE whose only Reason header holds {@code value}, last in the message when {@code last}. */
  private static byte[] bye(String value, boolean last) {
    String reason = "Reason: " + value + "\r\n";
    return ("BYE sip:a@192.0.2.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK-1\r\n"
            + "Call-ID: r1\r\nCSeq: 2 BYE\r\n"
            + (last ? "" : reason)
            + "Content-Length: 0\r\n"
            + (last ? reason : "")
            + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }
}
