package io.sipexporter.transaction;

import static io.sipexporter.SipText.request;
import static io.sipexporter.SipText.response;
import static io.sipexporter.transaction.Harness.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Responses mirrored before their request (a proxy's workers out of order), held for the reorder
 * window.
 */
class ReorderWindowTest {
  private static final String TRANSACTIONS = "sip.transactions";
  private static final String DURATION = "sip.transaction.duration";
  private static final String PDD = "sip.invite.post.dial.delay";
  private static final String RETRANSMISSIONS = "sip.retransmissions";
  private static final String UNMATCHED = "sip.exporter.unmatched.responses";
  private static final String REORDERED = "sip.exporter.transactions.reordered";
  private static final String HELD_EVICTED = "sip.exporter.held.responses.evicted";
  private static final String TIMED_OUT = "sip.transactions.timed.out";

  private static TrackerOptions window(Duration window) {
    return TrackerOptions.DEFAULTS.withReorderWindow(window);
  }

  /** Ticks once a second up to {@code s}, as the pipeline's timer does. */
  private static void tickTo(Harness h, int s) {
    for (int t = 1; t <= s; t++) {
      h.tracker.tick(seconds(t));
    }
  }

  @Test
  void finalBeforeInviteWithinTheWindowIsOneTransactionAndConfirmsTheCall() {
    Harness h = new Harness();
    var messages = MessageSequence.read("reply-before-request.txt");
    for (int i = 0; i < 3; i++) { // 180, 200, INVITE
      h.observe(messages.get(i).bytes(), messages.get(i).nanos());
    }
    assertThat(h.gauge("sip.calls.active")).isEqualTo(1);
    assertThat(h.tracker.heldResponses()).isZero();
    for (int i = 3; i < messages.size(); i++) {
      h.observe(messages.get(i).bytes(), messages.get(i).nanos());
    }
    tickTo(h, 200);
    assertThat(h.count(TRANSACTIONS, "method", "INVITE", "code", "200", "class", "2xx"))
        .isEqualTo(1);
    assertThat(h.count(REORDERED, "method", "INVITE")).isEqualTo(1);
    assertThat(h.count(UNMATCHED, "method", "INVITE")).isZero();
    assertThat(h.count(TIMED_OUT, "method", "INVITE")).isZero();
    // the INVITE's copy came after its answer: neither duration nor post-dial delay is known
    assertThat(h.timerCount(DURATION, "method", "INVITE", "class", "2xx")).isZero();
    assertThat(h.timerCount(PDD)).isZero();
    assertThat(h.timerSeconds(DURATION, "method", "BYE", "class", "2xx"))
        .isCloseTo(0.02, within(1e-9));
    // answered when the 200 was seen, ended by the caller's BYE 30 s later
    assertThat(h.count("sip.calls.ended", "by", "caller")).isEqualTo(1);
    assertThat(h.timerSeconds("sip.call.duration")).isCloseTo(30.0, within(1e-9));
    assertThat(h.gauge("sip.calls.active")).isZero();
    assertThat(h.gauge("sip.exporter.transactions.tracked")).isZero();
  }

  @Test
  void beyondTheWindowTheResponsesAreUnmatchedAndTheLateInviteTimesOut() {
    Harness h = new Harness(window(Duration.ofMillis(1)));
    h.play("reply-before-request.txt");
    tickTo(h, 200);
    assertThat(h.count(UNMATCHED, "method", "INVITE")).isEqualTo(2);
    assertThat(h.count(TIMED_OUT, "method", "INVITE")).isEqualTo(1);
    assertThat(h.count(REORDERED, "method", "INVITE")).isZero();
    assertThat(h.registry.find(TRANSACTIONS).tags("method", "INVITE").counters()).isEmpty();
    assertThat(h.count("sip.calls.ended", "by", "caller")).isZero();
    assertThat(h.count(TRANSACTIONS, "method", "BYE", "code", "200", "class", "2xx")).isEqualTo(1);
  }

  @Test
  void windowZeroCountsUnmatchedAtOnceAsBefore() {
    Harness h = new Harness(window(Duration.ZERO));
    var messages = MessageSequence.read("reply-before-request.txt");
    assertThat(h.observe(messages.get(0).bytes(), messages.get(0).nanos())).isFalse();
    assertThat(h.count(UNMATCHED, "method", "INVITE")).isEqualTo(1);
    for (int i = 1; i < messages.size(); i++) {
      h.observe(messages.get(i).bytes(), messages.get(i).nanos());
    }
    assertThat(h.count(UNMATCHED, "method", "INVITE")).isEqualTo(2);
    assertThat(h.tracker.heldResponses()).isZero();
    tickTo(h, 200);
    assertThat(h.count(TIMED_OUT, "method", "INVITE")).isEqualTo(1);
    assertThat(h.count(REORDERED, "method", "INVITE")).isZero();
  }

  @Test
  void aReorderedByeAnd200CountOnceAndEndTheCallOnce() {
    Harness h = new Harness().play("reordered-bye.txt");
    tickTo(h, 200);
    assertThat(h.count(TRANSACTIONS, "method", "BYE", "code", "200", "class", "2xx")).isEqualTo(1);
    assertThat(h.count(REORDERED, "method", "BYE")).isEqualTo(1);
    assertThat(h.timerCount(DURATION, "method", "BYE", "class", "2xx")).isZero();
    assertThat(h.count(RETRANSMISSIONS, "method", "BYE", "type", "request")).isEqualTo(1);
    assertThat(h.count(RETRANSMISSIONS, "method", "BYE", "type", "response")).isEqualTo(1);
    assertThat(h.count(UNMATCHED, "method", "BYE")).isZero();
    assertThat(h.count(TIMED_OUT, "method", "BYE")).isZero();
    assertThat(h.count("sip.calls.ended", "by", "caller")).isEqualTo(1);
    assertThat(h.timerCount("sip.call.duration")).isEqualTo(1);
    assertThat(h.timerSeconds("sip.call.duration")).isCloseTo(60.003, within(1e-9));
    assertThat(h.gauge("sip.calls.active")).isZero();
  }

  @Test
  void aHeldResponseSeenAgainIsARetransmissionNotAnotherOrphan() {
    Harness h = new Harness().play("held-retransmission.txt");
    assertThat(h.count(TRANSACTIONS, "method", "INVITE", "code", "200", "class", "2xx"))
        .isEqualTo(1);
    assertThat(h.count(RETRANSMISSIONS, "method", "INVITE", "type", "response")).isEqualTo(1);
    assertThat(h.gauge("sip.calls.active")).isEqualTo(1);
    tickTo(h, 100);
    assertThat(h.count(UNMATCHED, "method", "INVITE")).isZero();
    assertThat(h.count(TIMED_OUT, "method", "INVITE")).isZero();
  }

  @Test
  void unclaimedHeldResponsesCountUnmatchedOnceEachWhenTheWindowPasses() {
    Harness h = new Harness();
    var messages = MessageSequence.read("held-retransmission.txt");
    h.observe(messages.get(0).bytes(), messages.get(0).nanos());
    h.observe(messages.get(1).bytes(), messages.get(1).nanos()); // no INVITE follows
    h.tracker.tick(seconds(0.499));
    assertThat(h.count(UNMATCHED, "method", "INVITE")).isZero();
    tickTo(h, 2);
    assertThat(h.count(UNMATCHED, "method", "INVITE")).isEqualTo(2); // as without the window
    assertThat(h.count(RETRANSMISSIONS, "method", "INVITE", "type", "response")).isZero();
    assertThat(h.tracker.heldResponses()).isZero();
  }

  @Test
  void aHeld180EndsThePostDialDelayUnmeasuredButAFinalAfterTheInviteIsTimed() {
    Harness h = new Harness();
    h.observe(response(180, "Ringing", "INVITE", "rings-first", 1), 0);
    h.observe(request("INVITE", "rings-first", 1, ""), seconds(0.01));
    h.observe(response(200, "OK", "INVITE", "rings-first", 1), seconds(4.01));
    assertThat(h.count(REORDERED, "method", "INVITE")).isEqualTo(1);
    assertThat(h.timerCount(PDD)).isZero();
    assertThat(h.timerSeconds(DURATION, "method", "INVITE", "class", "2xx"))
        .isCloseTo(4.0, within(1e-9));
    assertThat(h.gauge("sip.calls.active")).isEqualTo(1);
    tickTo(h, 100);
    assertThat(h.count(UNMATCHED, "method", "INVITE")).isZero();
  }

  @Test
  void theWindowIsExact_aRequestOneNanosecondBeforeClaims_oneAtTheEndIsLate() {
    Harness h = new Harness();
    h.observe(response(200, "OK", "OPTIONS", "in-time", 1), 0);
    h.observe(response(200, "OK", "OPTIONS", "too-late", 1), 0);
    h.observe(request("OPTIONS", "in-time", 1, ""), seconds(0.5) - 1);
    h.observe(request("OPTIONS", "too-late", 1, ""), seconds(0.5));
    assertThat(h.count(TRANSACTIONS, "method", "OPTIONS", "code", "200", "class", "2xx"))
        .isEqualTo(1);
    assertThat(h.count(UNMATCHED, "method", "OPTIONS")).isEqualTo(1);
  }

  @Test
  void aFullHeldTableEvictsCountsAndCountsTheEvictedUnmatched() {
    TrackerOptions options =
        TrackerOptions.builder().transactionCapacity(1024).callCapacity(1024).build();
    assertThat(options.heldResponsesCapacity()).isEqualTo(64);
    Harness h = new Harness(options);
    int flood = 1000;
    for (int i = 0; i < flood; i++) {
      h.observe(response(200, "OK", "OPTIONS", "orphan-" + i, 1), i * 1000L); // 1,000 in 1 ms
    }
    double evicted = h.count(HELD_EVICTED);
    assertThat(h.tracker.heldResponses()).isBetween(60, 64 + SlotTable.WINDOW);
    assertThat(evicted + h.tracker.heldResponses()).isEqualTo(flood);
    assertThat(h.count(UNMATCHED, "method", "OPTIONS")).isEqualTo(evicted);
    tickTo(h, 2);
    assertThat(h.count(UNMATCHED, "method", "OPTIONS")).isEqualTo(flood);
    assertThat(h.tracker.heldResponses()).isZero();
  }

  @Test
  void theWindowMustBeShorterThanTheTransactionTimeout() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> window(Duration.ofSeconds(32)));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> window(Duration.ofMillis(-1)));
  }
}
