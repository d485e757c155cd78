package io.sipexporter.transaction;

/**
 * A fixed-size open-addressing table of 64-bit keys with deadlines: the part the transaction and
 * call tables share. It never grows: its arrays are allocated once, so a flood of new keys costs
 * evictions, not heap. Callers keep their other columns in parallel arrays indexed by slot.
 *
 * <p>A key lives within a window of {@link #WINDOW} slots from its home slot (hopscotch hashing).
 * Each home slot keeps a bitmap of the window's slots holding its own keys, so a lookup compares
 * only those (none for most absent keys) and removal clears two bits (no tombstones, no shifting);
 * a bitmap of held slots ({@link SlotBits}) lets the sweep skip empty slots and groups of slots
 * with nothing due. Not thread-safe.
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
  final long[] deadlines; // read only outside: written through deadline(slot, value)
  private final char[] hops; // per home slot: bit i when slot home + i holds a key of that home
  private final SlotBits held;
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
    this.hops = new char[slots];
    this.held = new SlotBits(slots);
    this.mask = slots - 1;
    this.capacity = shared;
    this.owner = owner;
  }

  /** The slot holding {@code key} (never 0: see {@link KeyHash}), or -1. */
  int find(long key) {
    int home = (int) key & mask;
    for (int bits = hops[home]; bits != 0; bits &= bits - 1) {
      int s = (home + Integer.numberOfTrailingZeros(bits)) & mask;
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
    int window = held.window(home);
    int slot;
    if (window == 0) {
      capacity.take(); // an empty window: nothing to drop
      slot = home;
    } else if (capacity.tryTake()) {
      int freeBits = ~window & (1 << WINDOW) - 1;
      slot =
          freeBits != 0 ? (home + Integer.numberOfTrailingZeros(freeBits)) & mask : makeRoom(home);
      if (slot < 0) {
        capacity.give();
        slot = drop(home, window, now);
      }
    } else {
      slot = drop(home, window, now);
    }
    if (keys[slot] == 0) {
      size++;
      held.set(slot);
    }
    keys[slot] = key;
    deadline(slot, deadline);
    link(slot);
    return slot;
  }

  /**
   * Empties the slot of the window at {@code home} ({@code window}: its held slots) whose entry has
   * the earliest deadline, the first of equals: expired if that is past {@code now}, else evicted.
   */
  private int drop(int home, int window, long now) {
    int victim = -1;
    for (int bits = window; bits != 0; bits &= bits - 1) {
      int s = (home + Integer.numberOfTrailingZeros(bits)) & mask;
      if (victim < 0 || deadlines[s] < deadlines[victim]) {
        victim = s;
      }
    }
    if (deadlines[victim] <= now) {
      owner.expired(victim);
    } else {
      owner.evicted(victim);
    }
    unlink(victim);
    return victim;
  }

  /** Sets {@code slot}'s bit in its key's home bitmap. */
  private void link(int slot) {
    int home = (int) keys[slot] & mask;
    hops[home] |= (char) (1 << ((slot - home) & mask));
  }

  /** Clears {@code slot}'s bit in its key's home bitmap. */
  private void unlink(int slot) {
    int home = (int) keys[slot] & mask;
    hops[home] &= (char) ~(1 << ((slot - home) & mask));
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
      unlink(from);
      keys[free] = keys[from];
      deadline(free, deadlines[from]);
      keys[from] = 0;
      held.set(free);
      held.clear(from);
      link(free);
      owner.moved(from, free);
      free = from;
      distance -= hop;
    }
    return free;
  }

  /** Sets the deadline of the entry in {@code slot}; every write of a deadline comes here. */
  void deadline(int slot, long deadline) {
    deadlines[slot] = deadline;
    held.deadline(slot, deadline);
  }

  /** Moves the deadline of the entry in {@code slot} to {@code atLeast} if that is later. */
  void extendDeadline(int slot, long atLeast) {
    deadline(slot, Math.max(deadlines[slot], atLeast));
  }

  void remove(int slot) {
    unlink(slot);
    held.clear(slot);
    keys[slot] = 0;
    size--;
    capacity.give();
  }

  /**
   * Expires every entry of slots [from, to) whose deadline is at or before {@code now}, in slot
   * order. A group of 64 slots whose earliest deadline is still ahead is skipped unread.
   */
  void sweep(int from, int to, long now) {
    int s = held.next(from, to);
    while (s >= 0) {
      int start = s & -SlotBits.GROUP;
      int end = held.groupEnd(s);
      if (held.earliest(s) > now) {
        s = held.next(end, to);
        continue;
      }
      long earliest = Long.MAX_VALUE;
      for (; s >= 0 && s < end; s = held.next(s + 1, to)) {
        if (deadlines[s] <= now) {
          owner.expired(s);
          remove(s);
        } else {
          earliest = Math.min(earliest, deadlines[s]);
        }
      }
      if (start >= from && end <= to) {
        held.settle(start, earliest); // the whole group was read: its bound is exact again
      }
    }
  }

  int size() {
    return size;
  }

  /** The bitmap of home slot {@code home}: bit i when slot home + i holds a key of that home. */
  int homed(int home) {
    return hops[home];
  }

  /** True when {@code slot} is marked held (for tests of the sweep's bitmap). */
  boolean held(int slot) {
    return held.get(slot);
  }

  /** The bound the sweep keeps on the earliest deadline of {@code slot}'s group of 64 slots. */
  long earliest(int slot) {
    return held.earliest(slot);
  }

  int slots() {
    return keys.length;
  }
}
