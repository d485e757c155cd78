package io.sipexporter.transaction;

import io.sipexporter.metrics.TransactionMeters;
import io.sipexporter.sip.SipMethod;

/**
 * Responses held for a request not seen yet, for the reorder window of input time: a relaying
 * proxy's workers may mirror a reply before the request it answers (Kamailio's siptrace copies a
 * message after relaying it). One entry per transaction key in fixed primitive columns (40 bytes a
 * slot); a response left unclaimed when the window passes, or dropped from a full table, counts as
 * unmatched, as it would have on arrival. Not thread-safe.
 */
final class HeldResponses implements SlotTable.Owner {
  private static final int METHOD_MASK = 0x1f;
  private static final int CODE_SHIFT = 5;
  private static final int CODE_MASK = 0x3ff;
  private static final int ALERTED = 1 << 15;

  /** Arrival of the kept response: the first final, else the first provisional. */
  final long[] arrival;

  /** The kept final's To tag hash. */
  final int[] toTag;

  /** The kept response's label set (node, peer, direction; see LabelSets). */
  final int[] labelSet;

  private final int[] info;
  private final int[] held;
  private final int[] repeats;
  private final SlotTable table;
  private final TransactionMeters meters;
  private final long windowNanos;

  HeldResponses(TransactionMeters meters, int share, SharedCapacity capacity, long windowNanos) {
    this.meters = meters;
    this.windowNanos = windowNanos;
    this.table = new SlotTable(share, capacity, this);
    int slots = table.slots();
    this.arrival = new long[slots];
    this.toTag = new int[slots];
    this.labelSet = new int[slots];
    this.info = new int[slots];
    this.held = new int[slots];
    this.repeats = new int[slots];
  }

  /** Holds a response to the untracked transaction {@code key}, seen at {@code now}. */
  void hold(long key, SipMethod method, int code, int toTagHash, int set, long now, long clock) {
    int slot = find(key, clock);
    if (slot < 0) {
      slot = table.insert(key, now + windowNanos, clock);
      info[slot] = method.ordinal();
      held[slot] = 0;
      repeats[slot] = 0;
      keep(slot, code, toTagHash, set, now);
    } else if (code(slot) < 200) {
      keep(slot, code, toTagHash, set, now);
    } else if (code == code(slot) && toTagHash == toTag[slot]) {
      repeats[slot]++; // RFC 3261 17.1.1.2: the final repeats until ACKed; a fork (12.1.2) is not a
      // repeat
    }
    held[slot]++;
    if (code == 180 || code == 183) {
      info[slot] |= ALERTED;
    }
  }

  /** The held entry of {@code key}, or -1; read it, then {@link #release} it. */
  int take(long key, long clock) {
    return find(key, clock);
  }

  void release(int slot) {
    table.remove(slot);
  }

  /** The first final response's code, else the first provisional's. */
  int code(int slot) {
    return (info[slot] >>> CODE_SHIFT) & CODE_MASK;
  }

  /** True if a 180, 183 or final was held: the post-dial delay ended before its INVITE was seen. */
  boolean pddEnded(int slot) {
    return (info[slot] & ALERTED) != 0 || code(slot) >= 200;
  }

  /** Repeats of the kept final among the held responses. */
  int repeats(int slot) {
    return repeats[slot];
  }

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
    unmatched(slot);
  }

  @Override
  public void moved(int from, int to) {
    arrival[to] = arrival[from];
    toTag[to] = toTag[from];
    labelSet[to] = labelSet[from];
    info[to] = info[from];
    held[to] = held[from];
    repeats[to] = repeats[from];
  }

  @Override
  public void evicted(int slot) {
    meters.heldEvicted();
    unmatched(slot);
  }

  private void keep(int slot, int code, int toTagHash, int set, long now) {
    if (code(slot) == 0 || code >= 200) {
      info[slot] = (info[slot] & (METHOD_MASK | ALERTED)) | code << CODE_SHIFT;
      toTag[slot] = toTagHash;
      labelSet[slot] = set;
      arrival[slot] = now;
    }
  }

  private void unmatched(int slot) {
    SipMethod method = SipMethod.ofOrdinal(info[slot] & METHOD_MASK);
    for (int i = held[slot]; i > 0; i--) {
      meters.unmatchedResponse(method);
    }
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
}
