package io.sipexporter.transaction;

/**
 * The transactions of one tracker in fixed primitive columns, 32 bytes a slot: key and deadline
 * (the {@link SlotTable}), start time, method/final code/flags, and the final response's To tag hash.
 */
final class TransactionTable {
  final long[] deadlines;
  final long[] start;
  final int[] info;
  final int[] toTag;
  private final SlotTable keys;

  TransactionTable(int capacity, SlotTable.Owner owner) {
    this.keys = new SlotTable(capacity, owner);
    this.deadlines = keys.deadlines;
    this.start = new long[keys.slots()];
    this.info = new int[keys.slots()];
    this.toTag = new int[keys.slots()];
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
