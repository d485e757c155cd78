package io.sipexporter.transaction;

import io.sipexporter.sip.SipMethod;

/**
 * The transactions of one tracker in fixed primitive columns, 32 bytes a slot: key and deadline
 * (the {@link SlotTable}), start time, method/final code/flags, and the final response's To tag
 * hash.
 */
final class TransactionTable {
  private static final int METHOD_MASK = 0x1f;
  private static final int CODE_SHIFT = 5;
  private static final int CODE_MASK = 0x3ff;
  private static final int PDD_DONE = 1 << 15;

  final long[] deadlines; // read only: write through deadline(slot, value)
  final long[] start;
  final int[] info;
  final int[] toTag;
  final int[] labelSet; // the request's label set (node, peer, direction)
  private final SlotTable keys;

  TransactionTable(int share, SharedCapacity capacity, SlotTable.Owner owner) {
    this.keys = new SlotTable(share, capacity, owner);
    this.deadlines = keys.deadlines;
    this.start = new long[keys.slots()];
    this.info = new int[keys.slots()];
    this.toTag = new int[keys.slots()];
    this.labelSet = new int[keys.slots()];
  }

  int find(long key) {
    return keys.find(key);
  }

  /** A slot for a new key, its columns cleared; see {@link SlotTable#insert}. */
  int insert(long key, long deadline, long now) {
    int slot = keys.insert(key, deadline, now);
    start[slot] = 0;
    info[slot] = 0;
    toTag[slot] = 0;
    return slot;
  }

  /**
   * Opens a transaction: its start time, method, and whether a post-dial delay is still to come.
   */
  void open(int slot, long now, SipMethod method, boolean wantsPdd, int requestSet) {
    start[slot] = now;
    labelSet[slot] = requestSet;
    info[slot] = method.ordinal() | (wantsPdd ? 0 : PDD_DONE);
  }

  /** Marks the post-dial delay recorded; true if it was not yet. */
  boolean takePdd(int slot) {
    boolean first = (info[slot] & PDD_DONE) == 0;
    info[slot] |= PDD_DONE;
    return first;
  }

  /** Records the first final response's code and To tag hash. */
  void complete(int slot, int code, int toTagHash) {
    info[slot] |= code << CODE_SHIFT;
    toTag[slot] = toTagHash;
  }

  /** The first final response's code, or 0 while the transaction is open. */
  int finalCode(int slot) {
    return (info[slot] >>> CODE_SHIFT) & CODE_MASK;
  }

  SipMethod method(int slot) {
    return SipMethod.ofOrdinal(info[slot] & METHOD_MASK);
  }

  /** The key moved from {@code from} to {@code to} (see {@link SlotTable.Owner#moved}). */
  void moved(int from, int to) {
    start[to] = start[from];
    info[to] = info[from];
    toTag[to] = toTag[from];
    labelSet[to] = labelSet[from];
  }

  /** Sets the deadline of the transaction in {@code slot}. */
  void deadline(int slot, long deadline) {
    keys.deadline(slot, deadline);
  }

  /** Moves the deadline of the transaction in {@code slot} to {@code atLeast} if that is later. */
  void extendDeadline(int slot, long atLeast) {
    keys.extendDeadline(slot, atLeast);
  }

  void remove(int slot) {
    keys.remove(slot);
  }

  void sweep(int from, int to, long now) {
    keys.sweep(from, to, now);
  }

  int size() {
    return keys.size();
  }

  int slots() {
    return keys.slots();
  }
}
