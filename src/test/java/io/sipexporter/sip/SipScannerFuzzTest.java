package io.sipexporter.sip;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import gov.nist.javax.sip.message.SIPMessage;
import io.sipexporter.Allocation;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;

/**
 * Jazzer targets for {@link SipScanner} (docs/fuzzing.md). A plain test run replays the inputs in
 * {@code SipScannerFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes one target.
 */
class SipScannerFuzzTest {
  /** The scanner reads in place and allocates nothing; slack for Jazzer's hooks while fuzzing. */
  private static final long MAX_ALLOCATED = 16 * 1024;

  /**
   * RFC 3261 7.1, 7.2, 21, 25.1: Request-Line = Method SP Request-URI SP SIP-Version, Status-Line =
   * SIP-Version SP Status-Code SP Reason-Phrase; a token method, a 3-digit code in 100-699.
   */
  private static final Pattern START_LINE =
      Pattern.compile(
          "[\r\n]*(?:"
              + "[A-Za-z0-9.!%*_+`'~-]+ [!-~]+ (?i:SIP/2\\.0)\r?\n"
              + "|(?i:SIP/2\\.0) [1-6]\\d\\d(?:[ \r\n]|$))");

  /** RFC 3261 20.16: CSeq = "CSeq" HCOLON 1*DIGIT LWS Method, Method a token. */
  private static final Pattern CSEQ =
      Pattern.compile("[ \t]*\\d+[ \t]+[A-Za-z0-9.!%*_+`'~-]+[ \t]*");

  /** RFC 3261 20.14: Content-Length = ("Content-Length" / "l") HCOLON 1*DIGIT. */
  private static final Pattern BAD_LENGTH_FIELD =
      Pattern.compile("(?im)^(?:content-length|l)[ \t]*:(?![ \t]*\\d+[ \t]*\r?$)");

  /** A Content-Length field of digits only: the scanner holds its value in 0..2^31-1. */
  private static final Pattern DIGITS_LENGTH_FIELD =
      Pattern.compile("(?im)^(?:content-length|l)[ \t]*:[ \t]*(\\d+)[ \t]*\r?$");

  /**
   * A line of control bytes only, not folding (it does not start with SP or HTAB): JAIN-SIP trims
   * it to the empty line that ends the header section.
   */
  private static final Pattern CONTROL_LINE =
      Pattern.compile("(?md)^[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f][\\x00-\\x20&&[^\\n]]*$");

  /** RFC 3261 7: lines end in CRLF (or a tolerated bare LF); a CR before anything else is junk. */
  private static final Pattern LONE_CR = Pattern.compile("\r(?!\n)");

  /** RFC 3261 7.3.1: a line break followed by SP or HTAB is folding, equivalent to one SP. */
  private static final Pattern FOLD = Pattern.compile("\r?\n[ \t]+");

  private final SipScanner scanner = new SipScanner();
  private final SipMessage msg = new SipMessage();
  private final SipMessage shifted = new SipMessage();
  private final JainSip jainSip = new JainSip();
  private final JainSipComparison comparison = new JainSipComparison();

  /**
   * Any bytes: the scanner returns a result without throwing or allocating, every field it reports
   * lies inside the message, and it reads nothing outside {@code [off, off+len)}.
   */
  @FuzzTest
  @Timeout(10)
  void scan(byte[] input) {
    ScanResult r = scanner.scan(input, 0, input.length, msg);
    assertThat(r).isNotNull();
    // measured on a second scan, once the classes on this input's path are loaded (and
    // instrumented)
    readReasons(msg); // the classes of the Reason path loaded too
    long before = Allocation.allocatedBytes();
    assertThat(scanner.scan(input, 0, input.length, msg)).isEqualTo(r);
    int reasons = r == ScanResult.OK ? readReasons(msg) : 0;
    long allocated = Allocation.allocatedBytes() - before;
    assertThat(allocated)
        .as("bytes allocated by one scan and its %d Reason values", reasons)
        .isLessThanOrEqualTo(MAX_ALLOCATED);
    if (r == ScanResult.OK) {
      assertInside(msg, 0, input.length);
    }

    // the same bytes inside a larger buffer, surrounded by line ends and header-like bytes
    int off = 5;
    byte[] padded = new byte[input.length + 2 * off];
    Arrays.fill(padded, (byte) '\n');
    System.arraycopy(
        "Via:\n".getBytes(StandardCharsets.US_ASCII), 0, padded, input.length + off, off);
    System.arraycopy(input, 0, padded, off, input.length);
    assertThat(scanner.scan(padded, off, input.length, shifted))
        .as("result at offset %d", off)
        .isEqualTo(r);
    if (r == ScanResult.OK) {
      assertSameFields(shifted, msg, off);
    }
  }

  /**
   * Any bytes JAIN-SIP accepts as a message with CSeq, Call-ID and Via: the scanner reads the same
   * start line, Call-ID, CSeq, top Via branch and tags, except for the deliberate differences
   * listed on {@link JainSipDifferentialTest}, each checked here by the rule it follows.
   */
  @FuzzTest
  @Timeout(10)
  void agreesWithJainSip(byte[] input) {
    // RFC 3261 7.3.1: folding is one SP. JAIN-SIP joins continuation lines with nothing and ends
    // the
    // headers at a whitespace-only one, so it is given the unfolded message (bodies untouched).
    SIPMessage ref = jainSip.parse(unfold(input));
    if (!JainSipComparison.complete(ref)) {
      return;
    }
    String diff = comparison.compare(input, ref);
    if (diff != null) {
      assertThat(deliberate(input, ref, comparison.lastResult, diff))
          .as("%s\n%s", diff, new String(input, StandardCharsets.ISO_8859_1))
          .isNotNull();
    }
  }

  /** The RFC rule behind a difference listed on {@link JainSipDifferentialTest}, or null. */
  private static String deliberate(byte[] input, SIPMessage ref, ScanResult r, String diff) {
    // RFC 3261 7.1, 7.2: the start line's grammar, which JAIN-SIP reads leniently; a line that
    // fails
    // it is NOT_SIP instead when it holds control bytes (StartLine)
    if ((r == ScanResult.BAD_START_LINE
            || r == ScanResult.BAD_STATUS_CODE
            || r == ScanResult.NOT_SIP)
        && !START_LINE.matcher(new String(input, StandardCharsets.ISO_8859_1)).lookingAt()) {
      return "RFC 3261 7.1, 7.2, 21: Request-Line or Status-Line, codes 100-699";
    }
    if (r == ScanResult.TRUNCATED && headerEnd(input) < 0) {
      return "RFC 3261 7: the header section ends with an empty line";
    }
    if (r == ScanResult.BAD_CSEQ && ref.getCSeq().getSeqNumber() >= 1L << 31) {
      return "RFC 3261 8.1.1.5: CSeq number below 2^31";
    }
    String cseq = JainSipComparison.firstCseq(input);
    if (r == ScanResult.BAD_CSEQ && cseq != null && !CSEQ.matcher(cseq).matches()) {
      return "RFC 3261 20.16: CSeq = 1*DIGIT LWS Method";
    }
    if (r == ScanResult.BAD_CSEQ && JainSipComparison.cseqMethodDiffers(input)) {
      return "RFC 3261 8.1.1.5: the CSeq method matches the request's method";
    }
    if (r == ScanResult.BAD_CSEQ && JainSipComparison.cseqUnparsable(input)) {
      return "RFC 3261 20.16: the first CSeq, even one JAIN-SIP drops for a later one";
    }
    if (r == ScanResult.BAD_CONTENT_LENGTH
        && BAD_LENGTH_FIELD.matcher(headerSection(unfold(input))).find()) {
      return "RFC 3261 20.14: Content-Length = 1*DIGIT";
    }
    if (r == ScanResult.BAD_CONTENT_LENGTH && lengthOverflows(headerSection(unfold(input)))) {
      return "Content-Length below 2^31 (a message, and a Java array, is shorter)";
    }
    if (CONTROL_LINE.matcher(headerSection(input)).find()) {
      return "RFC 3261 7: the empty line is CRLF; a line of control bytes is not empty";
    }
    if (LONE_CR.matcher(headerSection(input)).find()) {
      return "RFC 3261 7: a line ends in CRLF, not in a lone CR";
    }
    // JAIN-SIP drops a Via, From or To field it cannot parse; the scanner reads the branch and tags
    // of the first one regardless (RFC 3261 8.1.1.7, 19.3). Every differing field must be such a
    // one.
    for (String field : diff.split("; ")) {
      boolean dropped =
          field.startsWith("branch:")
              ? JainSipComparison.topViaDropped(input, ref)
                  || JainSipComparison.topViaBranchRepeated(input)
              : field.startsWith("From tag:")
                  ? JainSipComparison.fromDropped(input, ref)
                      || JainSipComparison.displayNameMalformed(input, true)
                      || JainSipComparison.tagRepeated(input, true)
                      || JainSipComparison.addrSpecWithoutScheme(input, true)
                  : field.startsWith("To tag:")
                      && (JainSipComparison.toDropped(input, ref)
                          || JainSipComparison.displayNameMalformed(input, false)
                          || JainSipComparison.tagRepeated(input, false)
                          || JainSipComparison.addrSpecWithoutScheme(input, false));
      if (!dropped) {
        return null;
      }
    }
    return "RFC 3261 8.1.1.7, 19.3: the branch and tags of the first Via, From and To, the first"
        + " branch or tag of a field";
  }

  /** True when the first digits-only Content-Length of {@code headers} is above 2^31-1. */
  private static boolean lengthOverflows(String headers) {
    Matcher m = DIGITS_LENGTH_FIELD.matcher(headers);
    return m.find()
        && new BigInteger(m.group(1)).compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0;
  }

  private static String headerSection(byte[] input) {
    return JainSipComparison.headerSection(input, StandardCharsets.ISO_8859_1);
  }

  /**
   * Where the header section ends, after any leading line ends (RFC 3261 7.5); -1 without a blank
   * line.
   */
  private static int headerEnd(byte[] input) {
    int start = 0;
    while (start < input.length && (input[start] == '\r' || input[start] == '\n')) {
      start++;
    }
    int head = HeaderSection.headerLength(input, start, input.length - start, 0);
    return head < 0 ? -1 : start + head;
  }

  private static byte[] unfold(byte[] input) {
    int head = headerEnd(input);
    int end = head < 0 ? input.length : head;
    String headers = new String(input, 0, end, StandardCharsets.ISO_8859_1);
    String unfolded = FOLD.matcher(headers).replaceAll(" ");
    if (unfolded.length() == headers.length()) {
      return input;
    }
    byte[] u = unfolded.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = Arrays.copyOf(u, u.length + input.length - end);
    System.arraycopy(input, end, out, u.length, input.length - end);
    return out;
  }

  /**
   * Reads every Reason value (RFC 3326) of a scanned message, as the pipeline does; each is an
   * error or a cause of 0 or more, and the values end.
   */
  private static int readReasons(SipMessage m) {
    int n = 0;
    ReasonParser reasons = m.reasons();
    while (reasons.next()) {
      if (reasons.error() == null && reasons.cause() < 0) {
        throw new AssertionError("a Reason value without error has a cause: " + reasons.cause());
      }
      if (++n > m.buffer().length + SipMessage.MAX_REASON_HEADERS) {
        throw new AssertionError("more Reason values than bytes");
      }
    }
    return n;
  }

  private static void assertInside(SipMessage m, int off, int len) {
    int end = off + len;
    assertThat(m.headerLength()).isBetween(1, len);
    assertThat(m.bodyOffset()).isEqualTo(off + m.headerLength());
    assertThat((long) m.bodyOffset() + m.bodyLength()).isLessThanOrEqualTo(end);
    assertThat(m.callIdLength()).isPositive();
    int[][] ranges = {
      {m.callIdOffset(), m.callIdLength()},
      {m.branchOffset(), m.branchLength()},
      {m.fromTagOffset(), m.fromTagLength()},
      {m.toTagOffset(), m.toTagLength()}
    };
    for (int[] r : ranges) {
      if (r[1] > 0) {
        assertThat(r[0]).isBetween(off, off + m.headerLength() - 1);
        assertThat(r[0] + r[1]).isLessThanOrEqualTo(off + m.headerLength());
      }
    }
    assertThat(m.cseqNumber()).isBetween(0L, (1L << 31) - 1);
    if (!m.isRequest()) {
      assertThat(m.statusCode()).isBetween(100, 699);
    }
  }

  private static void assertSameFields(SipMessage a, SipMessage b, int shift) {
    assertThat(a.isRequest()).isEqualTo(b.isRequest());
    assertThat(a.method()).isEqualTo(b.method());
    assertThat(a.statusCode()).isEqualTo(b.statusCode());
    assertThat(a.cseqMethod()).isEqualTo(b.cseqMethod());
    assertThat(a.cseqNumber()).isEqualTo(b.cseqNumber());
    assertThat(a.callId()).isEqualTo(b.callId());
    assertThat(a.branch()).isEqualTo(b.branch());
    assertThat(a.fromTag()).isEqualTo(b.fromTag());
    assertThat(a.toTag()).isEqualTo(b.toTag());
    assertThat(a.contentLength()).isEqualTo(b.contentLength());
    assertThat(a.headerLength()).isEqualTo(b.headerLength());
    assertThat(a.bodyOffset()).isEqualTo(b.bodyOffset() + shift);
    assertThat(a.bodyLength()).isEqualTo(b.bodyLength());
  }
}
