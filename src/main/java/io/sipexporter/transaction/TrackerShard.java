package io.sipexporter.transaction;

import io.sipexporter.metrics.CallMeters;
import io.sipexporter.metrics.TransactionMeters;
import io.sipexporter.sip.SipMessage;
import io.sipexporter.sip.SipMethod;

/**
 * One shard of a {@link TransactionTracker}: the transactions, held responses and calls whose
 * Call-ID hashes here, with their own input clock and sweep. Matches responses to requests (RFC
 * 3261 17: top Via branch plus CSeq method), counts each transaction once at its first final
 * response, times it, and feeds the calls. Not thread-safe: the tracker locks it.
 */
final class TrackerShard implements SlotTable.Owner {
  private final TransactionTable table;
  private final HeldResponses held;
  private final CallTracker calls;
  private final TransactionMeters meters;
  private final InputClock clock;
  private final long timeoutNanos;
  private final long inviteNanos;
  private final boolean reorder;

  /**
   * One of {@code shares} shards, whose tables hold their share of {@code transactions}, {@code
   * heldCount} and {@code callCount} entries, each count shared by all shards.
   */
  TrackerShard(
      TransactionMeters meters,
      CallMeters callMeters,
      TrackerOptions options,
      int shares,
      SharedCapacity transactions,
      SharedCapacity heldCount,
      SharedCapacity callCount) {
    this.meters = meters;
    this.table = new TransactionTable(share(transactions.max(), shares), transactions, this);
    this.calls = new CallTracker(callMeters, options, share(callCount.max(), shares), callCount);
    this.clock = new InputClock(this::sweep);
    this.timeoutNanos = options.transactionTimeout().toNanos();
    this.inviteNanos = options.inviteTimeout().toNanos();
    long window = options.reorderWindow().toNanos();
    this.reorder = window > 0;
    int heldShare = reorder ? share(heldCount.max(), shares) : 1;
    this.held = new HeldResponses(meters, heldShare, heldCount, window);
  }

  private static int share(int capacity, int shares) {
    return (capacity + shares - 1) / shares;
  }

  /**
   * Tracks one scanned message seen at {@code nowNanos} (input time, epoch nanoseconds). Returns
   * false for a response whose request was not seen or is no longer tracked: counted in {@code
   * sip_exporter_unmatched_responses_total}, or, with a reorder window, held for a request that may
   * still come and counted unmatched only if none does; true otherwise.
   */
  boolean observe(SipMessage msg, long nowNanos) {
    clock.advance(nowNanos);
    SipMethod method = msg.cseqMethod();
    if (method == SipMethod.ACK) {
      return true; // RFC 3261 17.1.1.3: ACK to a non-2xx is part of the INVITE transaction; to a
      // 2xx, its own, unanswered
    }
    long key = KeyHash.transaction(msg);
    int slot = find(key);
    if (msg.isRequest()) {
      request(msg, method, key, slot, nowNanos);
      return true;
    }
    if (slot < 0) {
      if (reorder) {
        held.hold(
            key,
            method,
            msg.statusCode(),
            KeyHash.toTag(msg),
            msg.labelSet(),
            nowNanos,
            clock.now());
      } else {
        meters.unmatchedResponse(method);
      }
      return false;
    }
    response(msg, method, slot, nowNanos);
    return true;
  }

  /**
   * Runs the timers up to {@code nowNanos} when no traffic arrives: call it about once a second.
   */
  void tick(long nowNanos) {
    clock.advance(nowNanos);
  }

  private void request(SipMessage msg, SipMethod method, long key, int slot, long now) {
    if (slot >= 0) {
      meters.retransmission(method, false);
      return;
    }
    slot = table.insert(key, now + timeoutNanos, clock.now());
    meters.tracked(1);
    boolean initial = method == SipMethod.INVITE && msg.toTagLength() == 0;
    // post-dial delay is a call-setup figure: only dialog-creating INVITEs get one
    table.open(slot, now, method, initial, msg.labelSet());
    if (initial) {
      calls.invite(msg, now, clock.now());
    } else if (method == SipMethod.BYE) {
      calls.bye(msg, now, clock.now());
    }
    int overtaken = reorder ? held.take(key, clock.now()) : -1;
    if (overtaken >= 0) {
      overtaken(msg, method, slot, overtaken);
    }
  }

  /**
   * Applies the responses that overtook their request in the mirror (a proxy's workers copied the
   * reply first). The transaction counts once with the held final; its duration and post-dial delay
   * are not recorded, as the request's copy came after the answer and the true figures are unknown
   * (a zero would be made up). Calls see the final at its own arrival time.
   */
  private void overtaken(SipMessage msg, SipMethod method, int slot, int h) {
    meters.reordered(method);
    int code = held.code(h);
    long at = held.arrival[h];
    long call = method == SipMethod.INVITE ? KeyHash.call(msg) : 0;
    if (held.pddEnded(h)) {
      table.takePdd(slot);
    }
    if (code >= 200) {
      meters.completedReordered(method, code, held.labelSet[h]);
      table.complete(slot, code, held.toTag[h]);
      for (int i = held.repeats(h); i > 0; i--) {
        meters.retransmission(method, true);
      }
      if (method == SipMethod.INVITE) {
        calls.inviteFinal(call, code, held.toTag[h], at, clock.now());
      }
    } else if (method == SipMethod.INVITE) {
      table.extendDeadline(slot, at + inviteNanos);
      calls.provisional(call, at, clock.now());
    }
    held.release(h);
  }

  private void response(SipMessage msg, SipMethod method, int slot, long now) {
    int code = msg.statusCode();
    int finalCode = table.finalCode(slot);
    if (finalCode != 0) {
      // RFC 3261 17.1.1.2: finals repeat until ACKed; a 2xx with another To tag is a fork (12.1.2)
      if (code == finalCode && KeyHash.toTag(msg) == table.toTag[slot]) {
        meters.retransmission(method, true);
      }
      return;
    }
    long elapsed = Math.max(0, now - table.start[slot]);
    if (code < 200) {
      if (method == SipMethod.INVITE) {
        if ((code == 180 || code == 183) && table.takePdd(slot)) {
          meters.postDialDelay(elapsed, msg);
        }
        // RFC 3261 16.6 step 11 / 16.7 step 2: a provisional lets the INVITE wait Timer C more
        table.extendDeadline(slot, now + inviteNanos);
        calls.provisional(KeyHash.call(msg), now, clock.now());
      }
      return;
    }
    meters.completed(method, code, elapsed, msg);
    int toTag = KeyHash.toTag(msg);
    table.complete(slot, code, toTag);
    // RFC 3261 17.1.1.2 Timer D/H, 17.2.2 Timer J: kept 64*T1 to absorb retransmissions
    table.deadline(slot, now + timeoutNanos);
    if (table.takePdd(slot)) {
      meters.postDialDelay(elapsed, msg);
    }
    if (method == SipMethod.INVITE) {
      calls.inviteFinal(KeyHash.call(msg), code, toTag, now, clock.now());
    }
  }

  /** The slot of {@code key}, or -1; an entry whose deadline has passed expires here first. */
  private int find(long key) {
    int slot = table.find(key);
    if (slot >= 0 && table.deadlines[slot] <= clock.now()) {
      expired(slot);
      table.remove(slot);
      return -1;
    }
    return slot;
  }

  private void sweep(int step, int steps) {
    long now = clock.now();
    table.sweep(segment(table.slots(), step, steps), segment(table.slots(), step + 1, steps), now);
    calls.sweep(segment(calls.slots(), step, steps), segment(calls.slots(), step + 1, steps), now);
    held.sweep(segment(held.slots(), step, steps), segment(held.slots(), step + 1, steps), now);
  }

  private static int segment(int slots, int step, int steps) {
    return (int) ((long) slots * step / steps);
  }

  @Override
  public void expired(int slot) {
    meters.tracked(-1);
    if (table.finalCode(slot) == 0) {
      meters.timedOut(table.method(slot), table.labelSet[slot]);
    }
  }

  @Override
  public void moved(int from, int to) {
    table.moved(from, to);
  }

  @Override
  public void evicted(int slot) {
    meters.tracked(-1);
    meters.evicted();
  }
}
