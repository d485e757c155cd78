package io.sipexporter.transaction;

import io.sipexporter.metrics.CallMeters;
import io.sipexporter.metrics.TransactionMeters;
import io.sipexporter.sip.SipMessage;

/**
 * Matches responses to requests (RFC 3261 17: top Via branch plus CSeq method), counts each
 * transaction once at its first final response, times it, and feeds the calls. Time is the input's
 * (HEP or capture timestamps, receive time for raw copies), never the wall clock; tables are
 * fixed-size, allocation-free and expire entries on timers of that input time.
 *
 * <p>Thread-safe: one tracker per input, shared by every event loop reading it, so the messages of
 * one transaction and of one call meet whichever socket or connection they came in on. It is split
 * into shards by a hash of the Call-ID (every message of a transaction or call carries the same),
 * each locked on its own; the capacities are counted over all shards together.
 *
 * <pre>{@code
 * TransactionTracker tracker = new TransactionTracker(
 *     new TransactionMeters(registry), new CallMeters(registry), TrackerOptions.DEFAULTS, 16);
 * if (scanner.scan(buf, 0, len, msg) == ScanResult.OK) {
 *   tracker.observe(msg, timestampNanos);
 * }
 * tracker.tick(System.currentTimeMillis() * 1_000_000); // from a periodic timer
 * }</pre>
 */
public final class TransactionTracker {
  private final TrackerShard[] shards;
  private final int mask;
  private final SharedCapacity transactions;
  private final SharedCapacity held;
  private final SharedCapacity calls;
  private final long maxClockSkewNanos;

  /** A tracker of one shard, for one thread (a capture replay). */
  public TransactionTracker(
      TransactionMeters meters, CallMeters callMeters, TrackerOptions options) {
    this(meters, callMeters, options, 1);
  }

  /** A tracker of {@code shards} shards (a power of two, 1 to 1024). */
  public TransactionTracker(
      TransactionMeters meters, CallMeters callMeters, TrackerOptions options, int shards) {
    this(
        meters, callMeters, options, shards, options.transactionCapacity(), options.callCapacity());
  }

  /**
   * A tracker whose tables hold {@code transactionCapacity} and {@code callCapacity} entries, which
   * may be below the flags' minimums: tables of a few entries, for the tests of eviction.
   */
  TransactionTracker(
      TransactionMeters meters,
      CallMeters callMeters,
      TrackerOptions options,
      int shards,
      int transactionCapacity,
      int callCapacity) {
    if (shards < 1 || shards > 1024 || Integer.bitCount(shards) != 1) {
      throw new IllegalArgumentException("shards must be a power of two, 1 to 1024: " + shards);
    }
    this.transactions = new SharedCapacity(transactionCapacity);
    this.held = new SharedCapacity(TrackerOptions.heldResponsesFor(transactionCapacity));
    this.calls = new SharedCapacity(callCapacity);
    this.shards = new TrackerShard[shards];
    for (int i = 0; i < shards; i++) {
      this.shards[i] =
          new TrackerShard(meters, callMeters, options, shards, transactions, held, calls);
    }
    this.mask = shards - 1;
    this.maxClockSkewNanos = options.maxClockSkew().toNanos();
  }

  /**
   * {@code --transactions.max-clock-skew}: how far a sender's timestamp may be from the receive
   * time to be trusted for the timers.
   */
  public long maxClockSkewNanos() {
    return maxClockSkewNanos;
  }

  /**
   * Shards for {@code threads} event loops sharing a tracker: one for one loop (nothing to contend
   * with), else four per loop, a power of two.
   */
  public static int shardsFor(int threads) {
    return threads <= 1 ? 1 : Math.min(1024, Integer.highestOneBit(threads * 4 - 1) << 1);
  }

  /**
   * Tracks one scanned message seen at {@code nowNanos} (input time, epoch nanoseconds). Returns
   * false for a response whose request was not seen or is no longer tracked: counted in {@code
   * sip_exporter_unmatched_responses_total}, or, with a reorder window, held for a request that may
   * still come and counted unmatched only if none does; true otherwise.
   */
  public boolean observe(SipMessage msg, long nowNanos) {
    TrackerShard shard = shards.length == 1 ? shards[0] : shards[shard(msg)];
    synchronized (shard) {
      return shard.observe(msg, nowNanos);
    }
  }

  /**
   * Runs the timers up to {@code nowNanos} when no traffic arrives: call it about once a second.
   */
  public void tick(long nowNanos) {
    for (TrackerShard shard : shards) {
      synchronized (shard) {
        shard.tick(nowNanos);
      }
    }
  }

  /** Transactions held now (open, and completed ones absorbing retransmissions). */
  public int transactions() {
    return transactions.used();
  }

  /** Responses held now for a request not seen yet. */
  public int heldResponses() {
    return held.used();
  }

  /** Calls and attempts held now. */
  public int calls() {
    return calls.used();
  }

  /** The Call-ID hash's top bits: its low bits pick the slot within a shard's call table. */
  private int shard(SipMessage msg) {
    return (int) (KeyHash.call(msg) >>> 48) & mask;
  }
}
