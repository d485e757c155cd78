package io.sipexporter.transaction;

import io.sipexporter.metrics.CallMeters;
import io.sipexporter.metrics.CallMeters.EndedBy;
import io.sipexporter.sip.SipMessage;

/**
 * Calls (dialogs created by INVITE, RFC 3261 12) keyed by Call-ID: an INVITE without a To tag opens
 * an attempt, its 2xx answers it, a BYE of that dialog ends it. Fed by {@link TransactionTracker}
 * with new transactions and first final responses only, so retransmissions never count twice; a
 * proxy's two legs share Call-ID and tags, so the mirror's copies collapse to one call. Not
 * thread-safe.
 */
final class CallTracker implements SlotTable.Owner {
  private static final int ATTEMPT = 1;
  private static final int ANSWERED = 2;

  private final SlotTable table;
  private final long[] answeredAt;
  private final int[] state;
  private final int[] callerTag;
  private final int[] calleeTag;
  private final CallMeters meters;
  private final long unansweredNanos;
  private final long attemptNanos;
  private final long maxCallNanos;

  /** A shard's calls: slots for {@code share} of the {@code capacity} all shards hold. */
  CallTracker(CallMeters meters, TrackerOptions options, int share, SharedCapacity capacity) {
    this.meters = meters;
    this.table = new SlotTable(share, capacity, this);
    int slots = table.slots();
    this.answeredAt = new long[slots];
    this.state = new int[slots];
    this.callerTag = new int[slots];
    this.calleeTag = new int[slots];
    // an attempt lasts as long as its INVITE transaction can: Timer B (64*T1) while nothing
    // answered, Timer C after the last provisional
    this.unansweredNanos = options.transactionTimeout().toNanos();
    this.attemptNanos = options.inviteTimeout().toNanos();
    this.maxCallNanos = options.maxCallDuration().toNanos();
  }

  /**
   * A new INVITE transaction without a To tag (RFC 3261 8.1.1.2): opens an attempt unless the call
   * is known.
   */
  void invite(SipMessage msg, long now, long clock) {
    long key = KeyHash.call(msg);
    if (find(key, clock) >= 0) {
      return; // the proxy's other leg, or a new INVITE in a known call
    }
    int slot = table.insert(key, now + unansweredNanos, clock);
    meters.tracked(1);
    state[slot] = ATTEMPT;
    callerTag[slot] = KeyHash.fromTag(msg);
  }

  /**
   * A provisional response to an INVITE of call {@code callKey}: the attempt may ring another Timer
   * C.
   */
  void provisional(long callKey, long now, long clock) {
    int slot = find(callKey, clock);
    if (slot >= 0 && state[slot] == ATTEMPT) {
      table.extendDeadline(slot, now + attemptNanos);
    }
  }

  /**
   * The first final response of an INVITE transaction of call {@code callKey}, seen at {@code now}:
   * 2xx answers an attempt (the callee's To tag hash names the dialog), others end it.
   */
  void inviteFinal(long callKey, int code, int calleeTagHash, long now, long clock) {
    int slot = find(callKey, clock);
    if (slot < 0 || state[slot] != ATTEMPT) {
      return; // unknown call, or a re-INVITE / second fork of an answered one
    }
    if (code >= 300) {
      remove(slot);
      return;
    }
    state[slot] = ANSWERED;
    answeredAt[slot] = now;
    calleeTag[slot] = calleeTagHash;
    table.deadline(slot, now + maxCallNanos);
    meters.answered();
  }

  /**
   * A new BYE transaction: ends the answered call whose dialog (RFC 3261 12: both tags) it names.
   */
  void bye(SipMessage msg, long now, long clock) {
    int slot = find(KeyHash.call(msg), clock);
    if (slot < 0 || state[slot] != ANSWERED) {
      return;
    }
    int from = KeyHash.fromTag(msg);
    int to = KeyHash.toTag(msg);
    EndedBy by;
    if (from == callerTag[slot] && to == calleeTag[slot]) {
      by = EndedBy.CALLER;
    } else if (from == calleeTag[slot] && to == callerTag[slot]) {
      by = EndedBy.CALLEE;
    } else {
      return; // another dialog of the same Call-ID, e.g. a second forked 2xx being torn down
    }
    meters.ended(by, Math.max(0, now - answeredAt[slot]), msg);
    remove(slot);
  }

  /**
   * Expires calls and attempts of slots [from, to) whose deadline is at or before {@code clock}.
   */
  void sweep(int from, int to, long clock) {
    table.sweep(from, to, clock);
  }

  int slots() {
    return table.slots();
  }

  int size() {
    return table.size();
  }

  @Override
  public void expired(int slot) {
    meters.tracked(-1);
    if (state[slot] == ANSWERED) {
      meters.timedOut();
    }
  }

  @Override
  public void moved(int from, int to) {
    answeredAt[to] = answeredAt[from];
    state[to] = state[from];
    callerTag[to] = callerTag[from];
    calleeTag[to] = calleeTag[from];
  }

  @Override
  public void evicted(int slot) {
    meters.tracked(-1);
    meters.evicted(state[slot] == ANSWERED);
  }

  private int find(long key, long clock) {
    int slot = table.find(key);
    if (slot >= 0 && table.deadlines[slot] <= clock) {
      expired(slot);
      table.remove(slot);
      return -1;
    }
    return slot;
  }

  private void remove(int slot) {
    meters.tracked(-1);
    table.remove(slot);
  }
}
