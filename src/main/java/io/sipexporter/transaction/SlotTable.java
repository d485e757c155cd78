package io.sipexporter.transaction;

/**
 * A fixed-size open-addressing table of 64-bit keys with deadlines: the part the transaction and
 * call tables share. It never grows: its arrays are allocated once, so a flood of new keys costs
 * evictions, not heap. Callers keep their other columns in parallel arrays indexed by slot.
 *
 * <p>A key lives within a window of {@link #WINDOW} slots from its home slot. Lookups scan the
 * whole window, so removal just clears a slot (no tombstones). Not thread-safe.
 */
final class SlotTable {
  static final int WINDOW = 16;

  /** What the owner does when an entry leaves before it is removed. */
  interface Owner {
    /** The entry's deadline passed: it is removed right after this call. */
    void expired(int slot);

    /**
     * The entry is dropped to make room, before its deadline: it is overwritten after this call.
     */
    void evicted(int slot);
  }

  final long[] keys;
  final long[] deadlines;
  private final int mask;
  private final int capacity;
  private final Owner owner;
  private int size;

  /**
   * A table holding up to {@code capacity} entries, in twice the next power of two slots, so the
   * load stays at most one half and a full window is rare.
   */
  SlotTable(int capacity, Owner owner) {
    if (capacity < 1 || capacity > 1 << 29) {
      throw new IllegalArgumentException("capacity must be 1 to 2^29, was " + capacity);
    }
    int slots = Math.max(WINDOW, Integer.highestOneBit(capacity - 1 | 1) << 2);
    this.keys = new long[slots];
    this.deadlines = new long[slots];
    this.mask = slots - 1;
    this.capacity = capacity;
    this.owner = owner;
  }

  /** The slot holding {@code key} (never 0: see {@link KeyHash}), or -1. */
  int find(long key) {
    int home = (int) key & mask;
    for (int i = 0; i < WINDOW; i++) {
      int s = (home + i) & mask;
      if (keys[s] == key) {
        return s;
      }
    }
    return -1;
  }

  /**
   * A slot for a new {@code key} (not in the table) expiring at {@code deadline}. When the table is
   * at capacity or the window is full, the entry of the window with the earliest deadline leaves:
   * expired if its deadline is past {@code now}, else evicted.
   */
  int insert(long key, long deadline, long now) {
    int home = (int) key & mask;
    int free = -1;
    int victim = -1;
    for (int i = 0; i < WINDOW; i++) {
      int s = (home + i) & mask;
      if (keys[s] == 0) {
        if (free < 0) {
          free = s;
        }
      } else if (victim < 0 || deadlines[s] < deadlines[victim]) {
        victim = s;
      }
    }
    int slot;
    if (free >= 0 && (size < capacity || victim < 0)) {
      slot = free;
      size++;
    } else {
      slot = victim;
      if (deadlines[slot] <= now) {
        owner.expired(slot);
      } else {
        owner.evicted(slot);
      }
    }
    keys[slot] = key;
    deadlines[slot] = deadline;
    return slot;
  }

  void remove(int slot) {
    keys[slot] = 0;
    size--;
  }

  /** Expires every entry of slots [from, to) whose deadline is at or before {@code now}. */
  void sweep(int from, int to, long now) {
    for (int s = from; s < to; s++) {
      if (keys[s] != 0 && deadlines[s] <= now) {
        owner.expired(s);
        remove(s);
      }
    }
  }

  int size() {
    return size;
  }

  int slots() {
    return keys.length;
  }
}
