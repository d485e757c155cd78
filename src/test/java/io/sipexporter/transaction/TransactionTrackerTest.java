package io.sipexporter.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Recorded message sequences of {@code src/test/resources/transactions} through one tracker. */
class TransactionTrackerTest {
  private static final String TRANSACTIONS = "sip.transactions";
  private static final String DURATION = "sip.transaction.duration";
  private static final String PDD = "sip.invite.post.dial.delay";
  private static final String RETRANSMISSIONS = "sip.retransmissions";
  private static final String UNMATCHED = "sip.exporter.unmatched.responses";
  private static final String ENDED = "sip.calls.ended";
  private static final String CALL_DURATION = "sip.call.duration";

  @Test
  void answeredCall() {
    Harness h = new Harness().play("answered-call.txt");
    assertThat(h.count(TRANSACTIONS, "method", "INVITE", "code", "200", "class", "2xx"))
        .isEqualTo(1);
    assertThat(h.count(TRANSACTIONS, "method", "BYE", "code", "200", "class", "2xx")).isEqualTo(1);
    assertThat(h.registry.find(TRANSACTIONS).tags("method", "ACK").counters()).isEmpty();
    assertThat(h.timerSeconds(DURATION, "method", "INVITE", "class", "2xx"))
        .isCloseTo(5.0, within(1e-9));
    assertThat(h.timerSeconds(DURATION, "method", "BYE", "class", "2xx"))
        .isCloseTo(0.02, within(1e-9));
    assertThat(h.timerCount(PDD)).isEqualTo(1);
    assertThat(h.timerSeconds(PDD)).isCloseTo(1.2, within(1e-9));
    assertThat(h.count(ENDED, "by", "caller")).isEqualTo(1);
    assertThat(h.timerSeconds(CALL_DURATION)).isCloseTo(60.0, within(1e-9));
    assertThat(h.gauge("sip.calls.active")).isZero();
    assertThat(h.count(RETRANSMISSIONS, "method", "INVITE", "type", "request")).isZero();
    assertThat(h.count(UNMATCHED, "method", "INVITE")).isZero();
  }

  @Test
  void callIsActiveBetweenAnswerAndBye() {
    Harness h = new Harness();
    var messages = MessageSequence.read("answered-call.txt");
    for (int i = 0; i < 4; i++) { // INVITE, 100, 180, 200
      h.observe(messages.get(i).bytes(), messages.get(i).nanos());
    }
    assertThat(h.gauge("sip.calls.active")).isEqualTo(1);
    assertThat(h.gauge("sip.exporter.calls.tracked")).isEqualTo(1);
    assertThat(h.gauge("sip.exporter.transactions.tracked")).isEqualTo(1);
  }

  @Test
  void rejectedCall() {
    Harness h = new Harness().play("rejected-call.txt");
    assertThat(h.count(TRANSACTIONS, "method", "INVITE", "code", "486", "class", "4xx"))
        .isEqualTo(1);
    assertThat(h.timerSeconds(DURATION, "method", "INVITE", "class", "4xx"))
        .isCloseTo(0.8, within(1e-9));
    // no 180/183: the post-dial delay runs to the final response
    assertThat(h.timerSeconds(PDD)).isCloseTo(0.8, within(1e-9));
    assertThat(h.gauge("sip.calls.active")).isZero();
    assertThat(h.gauge("sip.exporter.calls.tracked")).isZero();
    assertThat(h.count(ENDED, "by", "caller") + h.count(ENDED, "by", "callee")).isZero();
  }

  @Test
  void cancelledCall() {
    Harness h = new Harness().play("cancelled-call.txt");
    assertThat(h.count(TRANSACTIONS, "method", "CANCEL", "code", "200", "class", "2xx"))
        .isEqualTo(1);
    assertThat(h.count(TRANSACTIONS, "method", "INVITE", "code", "487", "class", "4xx"))
        .isEqualTo(1);
    assertThat(h.timerSeconds(DURATION, "method", "INVITE", "class", "4xx"))
        .isCloseTo(3.03, within(1e-9));
    assertThat(h.timerSeconds(PDD)).isCloseTo(0.5, within(1e-9));
    assertThat(h.count(RETRANSMISSIONS, "method", "INVITE", "type", "request")).isZero();
    assertThat(h.count(UNMATCHED, "method", "CANCEL")).isZero();
    assertThat(h.gauge("sip.calls.active")).isZero();
  }

  @Test
  void retransmittedInviteAnd200CountOnce() {
    Harness h = new Harness().play("retransmissions.txt");
    assertThat(h.count(TRANSACTIONS, "method", "INVITE", "code", "200", "class", "2xx"))
        .isEqualTo(1);
    assertThat(h.timerCount(DURATION, "method", "INVITE", "class", "2xx")).isEqualTo(1);
    assertThat(h.count(RETRANSMISSIONS, "method", "INVITE", "type", "request")).isEqualTo(1);
    assertThat(h.count(RETRANSMISSIONS, "method", "INVITE", "type", "response")).isEqualTo(1);
    assertThat(h.count(RETRANSMISSIONS, "method", "BYE", "type", "request")).isEqualTo(1);
    assertThat(h.timerSeconds(PDD)).isCloseTo(2.0, within(1e-9)); // 183 counts like 180
    assertThat(h.count(ENDED, "by", "callee")).isEqualTo(1);
    assertThat(h.count(ENDED, "by", "caller")).isZero();
    assertThat(h.timerSeconds(CALL_DURATION)).isCloseTo(30.0, within(1e-9));
  }

  @Test
  void forkedResponsesAreNeitherCountedAgainNorRetransmissions() {
    Harness h = new Harness().play("forked-call.txt");
    assertThat(h.count(TRANSACTIONS, "method", "INVITE", "code", "200", "class", "2xx"))
        .isEqualTo(1);
    assertThat(h.count(RETRANSMISSIONS, "method", "INVITE", "type", "response")).isZero();
    assertThat(h.timerSeconds(PDD)).isCloseTo(1.0, within(1e-9));
    assertThat(h.count(TRANSACTIONS, "method", "BYE", "code", "200", "class", "2xx")).isEqualTo(2);
    // the second dialog's BYE did not end the call; the first dialog's did, 60 s after the answer
    assertThat(h.count(ENDED, "by", "caller")).isEqualTo(1);
    assertThat(h.timerSeconds(CALL_DURATION)).isCloseTo(60.0, within(1e-9));
    assertThat(h.gauge("sip.calls.active")).isZero();
  }

  @Test
  void responsesWithoutRequestsAreUnmatchedOnceTheReorderWindowPasses() {
    Harness h = new Harness();
    var messages = MessageSequence.read("responses-without-requests.txt");
    for (var m : messages) {
      assertThat(h.observe(m.bytes(), m.nanos())).isFalse();
    }
    assertThat(h.count(UNMATCHED, "method", "BYE")).isZero(); // held 0.5 s for a late request
    h.tracker.tick(Harness.seconds(30.5));
    h.tracker.tick(Harness.seconds(31.5)); // one sweep round after the window
    assertThat(h.tracker.heldResponses()).isZero();
    assertThat(h.count(UNMATCHED, "method", "INVITE")).isEqualTo(2);
    assertThat(h.count(UNMATCHED, "method", "BYE")).isEqualTo(1);
    assertThat(h.registry.find(TRANSACTIONS).counters()).isEmpty();
    assertThat(h.timerCount(PDD)).isZero();
    assertThat(h.gauge("sip.calls.active")).isZero();
  }

  @Test
  void bothLegsOfAProxyAreTwoTransactionsAndOneCall() {
    Harness h = new Harness().play("proxied-call.txt");
    assertThat(h.count(TRANSACTIONS, "method", "INVITE", "code", "200", "class", "2xx"))
        .isEqualTo(2);
    assertThat(h.count(TRANSACTIONS, "method", "BYE", "code", "200", "class", "2xx")).isEqualTo(2);
    assertThat(h.count(RETRANSMISSIONS, "method", "INVITE", "type", "request")).isZero();
    assertThat(h.count(ENDED, "by", "caller")).isEqualTo(1);
    assertThat(h.timerCount(CALL_DURATION)).isEqualTo(1);
    assertThat(h.timerSeconds(CALL_DURATION)).isCloseTo(120.0, within(1e-9));
    assertThat(h.timerCount(PDD)).isEqualTo(2);
    assertThat(h.gauge("sip.calls.active")).isZero();
  }
}
