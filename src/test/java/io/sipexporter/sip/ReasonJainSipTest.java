package io.sipexporter.sip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.header.Reason;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import javax.sip.header.Header;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JAIN-SIP reads the same Reason values (protocol and cause, in order) as the scanner from the
 * well-formed Reason vectors: several values in one header, several headers, odd case and
 * whitespace.
 */
class ReasonJainSipTest {
  private final JainSip jainSip = new JainSip();
  private final SipScanner scanner = new SipScanner();
  private final SipMessage msg = new SipMessage();

  @ParameterizedTest
  @ValueSource(
      strings = {"bye-reason-q850.sip", "cancel-reason-elsewhere.sip", "invite-reason-stir.sip"})
  void readsTheSameReasonsAsJainSip(String vector) {
    byte[] bytes = SipVectors.read("/sip/" + vector);
    SIPMessage reference = jainSip.parse(bytes);
    assertThat(reference).as("JAIN-SIP parses %s", vector).isNotNull();
    List<String> expected = new ArrayList<>();
    ListIterator<? extends Header> headers = reference.getHeaders("Reason");
    while (headers.hasNext()) {
      Reason r = (Reason) headers.next();
      expected.add(r.getProtocol().toUpperCase(Locale.ROOT) + ":" + r.getCause());
    }

    assertThat(scanner.scan(bytes, 0, bytes.length, msg)).isEqualTo(ScanResult.OK);
    List<String> actual = new ArrayList<>();
    ReasonParser reasons = msg.reasons();
    while (reasons.next()) {
      actual.add(reasons.protocol().label().toUpperCase(Locale.ROOT) + ":" + reasons.cause());
    }
    assertThat(expected).isNotEmpty();
    assertThat(actual).isEqualTo(expected);
  }
}
