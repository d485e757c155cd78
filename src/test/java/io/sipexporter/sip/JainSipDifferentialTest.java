package io.sipexporter.sip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sip.header.ViaHeader;
import org.junit.jupiter.api.Test;

/**
 * Scans a seeded corpus and the hand-written vectors with both SipScanner and JAIN-SIP's
 * StringMsgParser (the reference), and requires the fields the exporter counts to agree on every
 * message JAIN-SIP accepts.
 *
 * <p>Deliberate differences, where the scanner follows RFC 3261 and JAIN-SIP (lenient mode, no
 * exception listener) does not:
 *
 * <ul>
 *   <li>Status codes must be three digits in 100-699 (RFC 3261 7.2, 21), so labels stay bounded:
 *       JAIN-SIP accepts 099, 700 and 1000, and reads "2x0" as 2.
 *   <li>A CSeq number must be below 2^31 (RFC 3261 8.1.1.5): JAIN-SIP accepts 2147483648.
 *   <li>An unparsable Content-Length is an error: JAIN-SIP drops the header and assumes 0.
 *   <li>The SIP-Version is case-insensitive (RFC 3261 7.1): JAIN-SIP rejects "sip/2.0 200 OK"
 *       ("Invalid Method"), so the corpus's lower-case status lines only count as rejected.
 *   <li>A continuation line of only whitespace is folding (RFC 3261 7.3.1 LWS), not the blank
 *       line: JAIN-SIP trims it and ends the headers there, so it misses the Call-ID and CSeq of
 *       vector folded-blank-line.sip, which counts as rejected.
 * </ul>
 */
class JainSipDifferentialTest {
  private static final int CORPUS_SIZE = 5000;
  /** Vectors JAIN-SIP accepts that the scanner rejects on purpose, with the RFC rule involved. */
  private static final Map<String, String> DELIBERATE = Map.of(
      "bad-status-code-099.sip", "RFC 3261 21: codes are 100-699",
      "bad-status-code-700.sip", "RFC 3261 21: codes are 100-699",
      "bad-status-code-1000.sip", "RFC 3261 7.2: Status-Code = 3DIGIT",
      "bad-status-code-2x0.sip", "RFC 3261 7.2: Status-Code = 3DIGIT",
      "bad-cseq-too-big.sip", "RFC 3261 8.1.1.5: CSeq number below 2^31",
      "bad-content-length.sip", "RFC 3261 20.14: Content-Length = 1*DIGIT");

  private final SipScanner scanner = new SipScanner();
  private final SipMessage msg = new SipMessage();
  private final JainSip jainSip = new JainSip();

  @Test
  void agreesWithJainSipOnEveryMessageItAccepts() {
    Map<String, byte[]> corpus = new LinkedHashMap<>();
    List<byte[]> generated = SipCorpus.generate(20261125L, CORPUS_SIZE);
    for (int i = 0; i < generated.size(); i++) {
      corpus.put("generated #" + i, generated.get(i));
    }
    for (SipVectors.Vector v : SipVectors.all()) {
      corpus.put(v.file(), v.bytes());
    }
    int compared = 0;
    int rejected = 0;
    int deliberate = 0;
    Map<ScanResult, Integer> rejectedAs = new java.util.EnumMap<>(ScanResult.class);
    List<String> disagreements = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : corpus.entrySet()) {
      byte[] bytes = e.getValue();
      SIPMessage ref = jainSip.parse(bytes);
      if (ref == null || ref.getCSeq() == null || ref.getCallId() == null || ref.getTopmostVia() == null) {
        rejected++;
        rejectedAs.merge(scanner.scan(bytes, 0, bytes.length, msg), 1, Integer::sum);
        continue;
      }
      compared++;
      String diff = compare(bytes, ref);
      if (diff != null && DELIBERATE.containsKey(e.getKey())) {
        deliberate++;
      } else if (diff != null) {
        disagreements.add(e.getKey() + ": " + diff + "\n" + new String(bytes, StandardCharsets.UTF_8));
      }
    }
    System.out.printf("differential: %d messages, %d compared, %d rejected by JAIN-SIP, "
        + "%d deliberate differences; scanner on the rejected: %s%n",
        corpus.size(), compared, rejected, deliberate, rejectedAs);
    assertThat(disagreements).isEmpty();
    assertThat(deliberate).isEqualTo(DELIBERATE.size());
    assertThat(compared).isGreaterThan(CORPUS_SIZE * 9 / 10);
  }

  private String compare(byte[] bytes, SIPMessage ref) {
    ScanResult r = scanner.scan(bytes, 0, bytes.length, msg);
    if (r != ScanResult.OK) {
      return "scanner said " + r;
    }
    StringBuilder d = new StringBuilder();
    if (ref instanceof SIPRequest req) {
      check(d, "request", true, msg.isRequest());
      check(d, "method", match(req.getMethod()), msg.method());
    } else {
      check(d, "request", false, msg.isRequest());
      check(d, "status", ((SIPResponse) ref).getStatusCode(), msg.statusCode());
    }
    check(d, "Call-ID", ref.getCallId().getCallId(), msg.callId());
    check(d, "CSeq number", ref.getCSeq().getSeqNumber(), msg.cseqNumber());
    check(d, "CSeq method", match(ref.getCSeq().getMethod()), msg.cseqMethod());
    String branch = ((ViaHeader) ref.getTopmostVia()).getBranch();
    check(d, "branch", branch == null ? "" : branch, msg.branch());
    String fromTag = ref.getFromTag();
    check(d, "From tag", fromTag == null ? "" : fromTag, msg.fromTag());
    String toTag = ref.getToTag();
    check(d, "To tag", toTag == null ? "" : toTag, msg.toTag());
    return d.length() == 0 ? null : d.toString();
  }

  private static void check(StringBuilder d, String field, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      d.append(field).append(": JAIN-SIP ").append(expected).append(", scanner ").append(actual).append("; ");
    }
  }

  private static SipMethod match(String method) {
    byte[] b = method.getBytes(StandardCharsets.US_ASCII);
    return SipMethod.match(b, 0, b.length);
  }

}
