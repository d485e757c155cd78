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
  private static final int MAX_HOP = 1024;

  /** What the owner does when an entry leaves before it is removed. */
  interface Owner {
    /** The entry's deadline passed: it is removed right after this call. */
    void expired(int slot);

    /**
     * The entry is dropped to make room, before its deadline: it is overwritten after this call.
     */
    void evicted(int slot);

    /** The entry moved from slot {@code from} to the free slot {@code to}: move its columns. */
    void moved(int from, int to);
  }

  final long[] keys;
  final long[] deadlines;
  private final int mask;
  private final SharedCapacity capacity;
  private final Owner owner;
  private int size;

  /**
   * A table holding up to {@code capacity} entries, in twice the next power of two slots, so the
   * load stays at most one half and a full window is rare.
   */
  SlotTable(int capacity, Owner owner) {
    this(capacity, new SharedCapacity(capacity), owner);
  }

  /**
   * One of several tables (a tracker's shards) holding up to {@code shared} entries together, with
   * slots for {@code share} of them: twice the next power of two.
   */
  SlotTable(int share, SharedCapacity shared, Owner owner) {
    if (share < 1 || share > 1 << 29) {
      throw new IllegalArgumentException("capacity must be 1 to 2^29, was " + share);
    }
    int slots = Math.max(WINDOW, Integer.highestOneBit(share - 1 | 1) << 2);
    this.keys = new long[slots];
    this.deadlines = new long[slots];
    this.mask = slots - 1;
    this.capacity = shared;
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
   * A slot for a new {@code key} (not in the table) expiring at {@code deadline}. When the window
   * is full, entries are moved on to make room in it (hopscotch hashing: each stays in its own
   * window), so the capacity is reached before anything leaves. At capacity, or when nothing can
   * move, the entry of the window with the earliest deadline leaves: expired if its deadline is
   * past {@code now}, else evicted.
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
    if (victim < 0) {
      capacity.take(); // an empty window: nothing to drop
      slot = free;
    } else if (capacity.tryTake()) {
      slot = free >= 0 ? free : makeRoom(home);
      if (slot < 0) {
        capacity.give();
        slot = drop(victim, now);
      }
    } else {
      slot = drop(victim, now);
    }
    if (keys[slot] == 0) {
      size++;
    }
    keys[slot] = key;
    deadlines[slot] = deadline;
    return slot;
  }

  private int drop(int victim, long now) {
    if (deadlines[victim] <= now) {
      owner.expired(victim);
    } else {
      owner.evicted(victim);
    }
    return victim;
  }

  /**
   * Frees a slot in the full window at {@code home}: finds the nearest free slot beyond it and hops
   * it back, each hop moving an entry forward within its own window; -1 when none is near.
   */
  private int makeRoom(int home) {
    int distance = WINDOW;
    while (keys[(home + distance) & mask] != 0) {
      if (++distance >= Math.min(keys.length, MAX_HOP)) {
        return -1;
      }
    }
    int free = (home + distance) & mask;
    while (distance >= WINDOW) {
      int hop = WINDOW - 1;
      // the farthest entry before the free slot that may live there
      while (hop > 0 && ((free - ((int) keys[(free - hop) & mask] & mask)) & mask) >= WINDOW) {
        hop--;
      }
      if (hop == 0) {
        return -1;
      }
      int from = (free - hop) & mask;
      keys[free] = keys[from];
      deadlines[free] = deadlines[from];
      keys[from] = 0;
      owner.moved(from, free);
      free = from;
      distance -= hop;
    }
    return free;
  }

  void remove(int slot) {
    keys[slot] = 0;
    size--;
    capacity.give();
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
