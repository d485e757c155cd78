package io.sipexporter.transaction;

import static io.sipexporter.SipText.request;
import static io.sipexporter.SipText.response;
import static io.sipexporter.transaction.Harness.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.sip.SipMessage;
import io.sipexporter.sip.SipScanner;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bounded memory: fixed-size tables, eviction counted, no allocation per message. */
class TrackerCapacityTest {
  /** A one-shard tracker with the default timers and tables of these sizes, however small. */
  private static Harness capacity(int transactions, int calls) {
    return capacity(transactions, calls, 1);
  }

  private static Harness capacity(int transactions, int calls, int shards) {
    return new Harness(TrackerOptions.DEFAULTS, shards, transactions, calls);
  }

  @Test
  void tablesHaveTwiceTheNextPowerOfTwoSlotsAndNeverGrow() {
    assertThat(new SlotTable(262_144, null).slots()).isEqualTo(524_288);
    assertThat(new SlotTable(1_000_000, null).slots()).isEqualTo(2_097_152);
    assertThat(new SlotTable(1, null).slots()).isEqualTo(SlotTable.WINDOW);
  }

  @Test
  void aFloodOfUnansweredInvitesIsEvictedAndCounted() {
    Harness h = capacity(1000, 500);
    int flood = 100_000;
    for (int i = 0; i < flood; i++) {
      h.observe(
          request("INVITE", "flood-" + i, 1, ""),
          i * 1000L); // 100,000 within 0.1 s: nothing expires
    }
    double tracked = h.gauge("sip.exporter.transactions.tracked");
    assertThat(tracked).isBetween(990.0, 1000.0 + SlotTable.WINDOW);
    assertThat(h.count("sip.exporter.transactions.evicted") + tracked).isEqualTo(flood);
    double calls = h.gauge("sip.exporter.calls.tracked");
    assertThat(calls).isBetween(490.0, 500.0 + SlotTable.WINDOW);
    assertThat(h.count("sip.exporter.calls.evicted") + calls).isEqualTo(flood);
    assertThat(h.count("sip.transactions.timed.out", "method", "INVITE")).isZero();
    assertThat(h.tracker.transactions()).isEqualTo((int) tracked);
  }

  /**
   * Issue 12: one tracker per event loop gave each loop a share of the capacity, so evictions
   * started at 131,072 of 262,144 with one source. The shards of one tracker count it together.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 8, 64})
  void theConfiguredCapacityIsHeldBeforeTheFirstEviction(int shards) {
    int capacity = 4096;
    Harness h = capacity(capacity, capacity, shards);
    for (int i = 0; i < capacity; i++) {
      h.observe(request("OPTIONS", "cap-" + i, 1, ""), i);
    }
    assertThat(h.count("sip.exporter.transactions.evicted")).isZero();
    assertThat(h.gauge("sip.exporter.transactions.tracked")).isEqualTo(capacity);
    assertThat(h.tracker.transactions()).isEqualTo(capacity);
    h.observe(request("OPTIONS", "one-more", 1, ""), capacity);
    assertThat(h.count("sip.exporter.transactions.evicted")).isEqualTo(1);
    assertThat(h.tracker.transactions()).isEqualTo(capacity);
  }

  @Test
  void theEntryClosestToItsDeadlineIsEvictedFirst() {
    Harness h = capacity(1, 1);
    h.observe(request("OPTIONS", "older", 1, ""), 0);
    h.observe(request("OPTIONS", "newer", 1, ""), seconds(1));
    assertThat(h.count("sip.exporter.transactions.evicted")).isEqualTo(1);
    assertThat(h.observe(response(200, "OK", "OPTIONS", "older", 1), seconds(2))).isFalse();
    assertThat(h.observe(response(200, "OK", "OPTIONS", "newer", 1), seconds(2))).isTrue();
  }

  @Test
  void anExpiredEntryMakingRoomIsATimeoutNotAnEviction() {
    Harness h = capacity(1, 1);
    h.observe(request("OPTIONS", "stale", 1, ""), 0);
    h.observe(
        request("OPTIONS", "fresh", 1, ""),
        seconds(40)); // no tick ran: the stale one is still held
    assertThat(h.count("sip.exporter.transactions.evicted")).isZero();
    assertThat(h.count("sip.transactions.timed.out", "method", "OPTIONS")).isEqualTo(1);
  }

  @Test
  void anEvictedAnsweredCallLeavesTheActiveGauge() {
    Harness h = capacity(1000, 1);
    h.observe(request("INVITE", "first", 1, ""), 0);
    h.observe(response(200, "OK", "INVITE", "first", 1), seconds(1));
    assertThat(h.gauge("sip.calls.active")).isEqualTo(1);
    h.observe(request("INVITE", "second", 1, ""), seconds(2));
    assertThat(h.count("sip.exporter.calls.evicted")).isEqualTo(1);
    assertThat(h.gauge("sip.calls.active")).isZero();
  }

  @Test
  void observingAllocatesNothingOnceWarm() {
    Harness h = capacity(4096, 4096);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    SipScanner scanner = new SipScanner();
    SipMessage msg = new SipMessage();
    long t = 0;
    long allocated = 0;
    for (int round = 0;
        round < 3;
        round++) { // rounds 0 and 1 warm up: meters resolved, code compiled
      byte[][] messages = answeredCalls("alloc-" + round + "-", 1000);
      long before = threads.getCurrentThreadAllocatedBytes();
      for (byte[] m : messages) {
        scanner.scan(m, 0, m.length, msg);
        h.tracker.observe(msg, t += 1_000_000);
      }
      allocated = threads.getCurrentThreadAllocatedBytes() - before;
    }
    // under a byte a message: any per-message allocation would cost at least 16 bytes each (160
    // KB);
    // a few stray bytes come from the JVM itself (deoptimisation, LongAdder cells)
    assertThat(allocated).as("bytes allocated by 10,000 messages").isLessThan(10_000);
    assertThat(h.count("sip.exporter.transactions.reordered", "method", "OPTIONS")).isEqualTo(3000);
    assertThat(h.count("sip.exporter.held.responses.evicted")).isZero();
  }

  /**
   * INVITE, 180, 200, a retransmitted 200, BYE, its 200, an unmatched response, an OPTIONS, and an
   * OPTIONS whose 200 (seen twice) overtakes it, for each call.
   */
  private static byte[][] answeredCalls(String prefix, int calls) {
    java.util.List<byte[]> out = new java.util.ArrayList<>();
    for (int i = 0; i < calls; i++) {
      String id = prefix + i;
      out.add(request("INVITE", id, 1, ""));
      out.add(response(180, "Ringing", "INVITE", id, 1));
      out.add(response(200, "OK", "INVITE", id, 1));
      out.add(response(200, "OK", "INVITE", id, 1));
      out.add(request("BYE", id, 2, ""));
      out.add(response(200, "OK", "BYE", id, 2));
      out.add(response(200, "OK", "BYE", id, 3));
      out.add(request("OPTIONS", id, 4, ""));
      out.add(response(200, "OK", "OPTIONS", id, 5));
      out.add(response(200, "OK", "OPTIONS", id, 5));
      out.add(request("OPTIONS", id, 5, ""));
    }
    return out.toArray(new byte[0][]);
  }
}
