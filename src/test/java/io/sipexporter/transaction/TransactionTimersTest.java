package io.sipexporter.transaction;

import static io.sipexporter.SipText.request;
import static io.sipexporter.SipText.response;
import static io.sipexporter.transaction.Harness.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.SipText;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Timers on input time: the test is the clock, passing each message's time and ticking by hand. */
class TransactionTimersTest {
  private static final String TIMED_OUT = "sip.transactions.timed.out";
  private static final String TRACKED = "sip.exporter.transactions.tracked";

  /** Ticks once a second, as the pipeline's timer does: each tick sweeps the whole table. */
  @Test
  void unansweredRequestTimesOutAt64T1() {
    Harness h = new Harness();
    h.observe(request("OPTIONS", "never", 1, ""), seconds(100));
    for (int s = 101; s <= 131; s++) {
      h.tracker.tick(seconds(s));
    }
    assertThat(h.count(TIMED_OUT, "method", "OPTIONS")).isZero();
    assertThat(h.gauge(TRACKED)).isEqualTo(1);
    h.tracker.tick(seconds(132));
    assertThat(h.count(TIMED_OUT, "method", "OPTIONS")).isEqualTo(1);
    assertThat(h.gauge(TRACKED)).isZero();
  }

  @Test
  void timerIsExact_aFinalOneNanosecondBeforeCounts_oneAtTheTimerIsTooLate() {
    Harness h = new Harness();
    h.observe(request("OPTIONS", "just-in-time", 1, ""), 0);
    h.observe(request("OPTIONS", "too-late", 1, ""), 0);
    assertThat(h.observe(response(200, "OK", "OPTIONS", "just-in-time", 1), seconds(32) - 1))
        .isTrue();
    assertThat(h.observe(response(200, "OK", "OPTIONS", "too-late", 1), seconds(32))).isFalse();
    assertThat(h.count("sip.transactions", "method", "OPTIONS", "code", "200", "class", "2xx"))
        .isEqualTo(1);
    assertThat(h.count(TIMED_OUT, "method", "OPTIONS")).isEqualTo(1);
    h.tracker.tick(seconds(33)); // the late response was held the reorder window for a request
    assertThat(h.count("sip.exporter.unmatched.responses", "method", "OPTIONS")).isEqualTo(1);
  }

  @Test
  void inviteWithoutProvisionalTimesOutAt64T1() {
    Harness h = new Harness();
    h.observe(request("INVITE", "silent", 1, ""), 0);
    h.tracker.tick(seconds(31));
    h.tracker.tick(seconds(32));
    assertThat(h.count(TIMED_OUT, "method", "INVITE")).isEqualTo(1);
  }

  /** Issue 12: a never-answered INVITE stayed in the calls table until Timer C (180 s). */
  @Test
  void aNeverAnsweredInviteLeavesTheCallsTableWithItsTransactionAtTimerB() {
    Harness h = new Harness();
    h.observe(request("INVITE", "unanswered", 1, ""), 0);
    h.observe(request("INVITE", "ringing", 1, ""), 0);
    h.observe(response(180, "Ringing", "INVITE", "ringing", 1), seconds(1));
    h.tracker.tick(seconds(31));
    assertThat(h.gauge("sip.exporter.calls.tracked")).isEqualTo(2);
    h.tracker.tick(seconds(32));
    h.tracker.tick(seconds(33)); // the sweep runs at most one second of input time late
    assertThat(h.count(TIMED_OUT, "method", "INVITE")).isEqualTo(1);
    assertThat(h.gauge("sip.exporter.calls.tracked")).isEqualTo(1); // the ringing one waits
    assertThat(h.tracker.calls()).isEqualTo(1);
    assertThat(h.count("sip.calls.ended", "by", "timeout")).isZero();
  }

  @Test
  void ringingInviteWaitsTimerCFromItsLastProvisional() {
    Harness h = new Harness();
    h.observe(request("INVITE", "ringing", 1, ""), 0);
    h.observe(response(180, "Ringing", "INVITE", "ringing", 1), seconds(10));
    for (int s = 1; s < 190; s++) {
      h.tracker.tick(seconds(s));
    }
    assertThat(h.count(TIMED_OUT, "method", "INVITE")).isZero();
    h.tracker.tick(seconds(190)); // RFC 3261 16.6 step 11: Timer C, 180 s after the 180
    assertThat(h.count(TIMED_OUT, "method", "INVITE")).isEqualTo(1);
    assertThat(h.gauge("sip.exporter.calls.tracked"))
        .isZero(); // the attempt ends with it, unanswered
    assertThat(h.count("sip.calls.ended", "by", "timeout")).isZero();
  }

  @Test
  void completedTransactionAbsorbsRetransmissionsFor64T1ThenLeavesSilently() {
    Harness h = new Harness();
    h.observe(request("REGISTER", "reg", 1, ""), 0);
    h.observe(response(200, "OK", "REGISTER", "reg", 1), seconds(0.1));
    assertThat(h.observe(response(200, "OK", "REGISTER", "reg", 1), seconds(32))).isTrue();
    assertThat(h.count("sip.retransmissions", "method", "REGISTER", "type", "response"))
        .isEqualTo(1);
    assertThat(h.observe(response(200, "OK", "REGISTER", "reg", 1), seconds(32.1))).isFalse();
    assertThat(h.count(TIMED_OUT, "method", "REGISTER")).isZero();
    assertThat(h.gauge(TRACKED)).isZero();
  }

  @Test
  void timeoutIsConfigurable() {
    Harness h =
        new Harness(
            TrackerOptions.builder()
                .transactionCapacity(1024)
                .transactionTimeout(Duration.ofSeconds(4))
                .callCapacity(1024)
                .build());
    h.observe(request("MESSAGE", "short", 1, "hi"), 0);
    h.tracker.tick(seconds(3));
    assertThat(h.count(TIMED_OUT, "method", "MESSAGE")).isZero();
    h.tracker.tick(seconds(4));
    assertThat(h.count(TIMED_OUT, "method", "MESSAGE")).isEqualTo(1);
  }

  @Test
  void answeredCallWithoutByeEndsAsTimeoutAfterTheMaximumDuration() {
    Harness h =
        new Harness(
            TrackerOptions.builder()
                .transactionCapacity(1024)
                .callCapacity(1024)
                .maxCallDuration(Duration.ofMinutes(10))
                .build());
    h.observe(request("INVITE", "endless", 1, ""), 0);
    h.observe(response(200, "OK", "INVITE", "endless", 1), seconds(2));
    assertThat(h.gauge("sip.calls.active")).isEqualTo(1);
    h.tracker.tick(seconds(601));
    assertThat(h.gauge("sip.calls.active")).isEqualTo(1);
    h.tracker.tick(seconds(602));
    assertThat(h.count("sip.calls.ended", "by", "timeout")).isEqualTo(1);
    assertThat(h.gauge("sip.calls.active")).isZero();
    assertThat(h.timerCount("sip.call.duration")).isZero();
  }

  @Test
  void aLateMessageNeverMovesTheClockBack() {
    Harness h = new Harness();
    h.observe(request("OPTIONS", "early", 1, ""), seconds(50));
    h.observe(
        response(200, "OK", "OPTIONS", "early", 1),
        seconds(49.9)); // another agent's clock, a little behind
    assertThat(h.count("sip.transactions", "method", "OPTIONS", "code", "200", "class", "2xx"))
        .isEqualTo(1);
    assertThat(h.timerSeconds("sip.transaction.duration", "method", "OPTIONS", "class", "2xx"))
        .isZero();
  }

  @Test
  void withoutTheMagicCookieTheTransactionIsCallIdCseqAndMethod() {
    // RFC 3261 17.2.3: an RFC 2543 peer's branch is not unique; match on Call-ID, CSeq and method
    String via = "Via: SIP/2.0/UDP old.example.com;branch=1\r\n";
    String common =
        "From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>\r\nCall-ID: rfc2543@old\r\n";
    Harness h = new Harness();
    h.observe(
        SipText.bytes(
            "OPTIONS sip:b@example.com SIP/2.0\r\n" + via + common + "CSeq: 7 OPTIONS\r\n\r\n"),
        0);
    assertThat(
            h.observe(
                SipText.bytes("SIP/2.0 200 OK\r\n" + via + common + "CSeq: 8 OPTIONS\r\n\r\n"),
                seconds(1)))
        .isFalse();
    assertThat(
            h.observe(
                SipText.bytes("SIP/2.0 200 OK\r\n" + via + common + "CSeq: 7 OPTIONS\r\n\r\n"),
                seconds(1)))
        .isTrue();
  }
}
