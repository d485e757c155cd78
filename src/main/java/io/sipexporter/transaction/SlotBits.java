package io.sipexporter.transaction;

import java.util.Arrays;

/**
 * Which slots of a {@link SlotTable} hold a key, one bit a slot, and a bound on the earliest
 * deadline in each group of 64 slots: the sweep skips a group whose bound is still ahead and visits
 * the held slots of the others (its cost follows the entries due, not the table's size); an insert
 * reads a window's 16 slots from one or two words. Not thread-safe.
 */
final class SlotBits {
  static final int GROUP = 64;

  private final long[] words;
  private final long[] earliest; // per group: at or before every deadline in it
  private final int slots;

  /** Bits for {@code slots} slots, a power of two. */
  SlotBits(int slots) {
    this.words = new long[(slots + GROUP - 1) >>> 6];
    this.earliest = new long[words.length];
    Arrays.fill(earliest, Long.MAX_VALUE);
    this.slots = slots;
  }

  /** A deadline was set in {@code slot}: its group's bound comes down to it if later. */
  void deadline(int slot, long deadline) {
    int g = slot >>> 6;
    if (deadline < earliest[g]) {
      earliest[g] = deadline;
    }
  }

  /** At or before every deadline in the group of {@code slot}. */
  long earliest(int slot) {
    return earliest[slot >>> 6];
  }

  /** The group of {@code slot} was swept whole: {@code deadline} is its earliest now. */
  void settle(int slot, long deadline) {
    earliest[slot >>> 6] = deadline;
  }

  /** The first slot after the group of {@code slot} (the table's end for a table of one group). */
  int groupEnd(int slot) {
    return Math.min(slots, (slot | GROUP - 1) + 1);
  }

  void set(int slot) {
    words[slot >>> 6] |= 1L << slot;
  }

  void clear(int slot) {
    words[slot >>> 6] &= ~(1L << slot);
  }

  boolean get(int slot) {
    return (words[slot >>> 6] & 1L << slot) != 0;
  }

  /**
   * The {@link SlotTable#WINDOW} slots from {@code home} on, wrapping at the table's end: bit i for
   * slot home + i.
   */
  int window(int home) {
    long bits;
    if (slots < 64) {
      long all = words[0];
      bits = all >>> home | all << (slots - home);
    } else {
      int w = home >>> 6;
      int shift = home & 63;
      bits = words[w] >>> shift;
      if (shift > 64 - SlotTable.WINDOW) {
        bits |= words[(w + 1) & (words.length - 1)] << (64 - shift);
      }
    }
    return (int) bits & ((1 << SlotTable.WINDOW) - 1);
  }

  /** The first held slot in [from, to), or -1. */
  int next(int from, int to) {
    if (from >= to) {
      return -1;
    }
    int w = from >>> 6;
    long bits = words[w] & -1L << from;
    while (bits == 0) {
      if (++w << 6 >= to) {
        return -1;
      }
      bits = words[w];
    }
    int slot = w << 6 | Long.numberOfTrailingZeros(bits);
    return slot < to ? slot : -1;
  }
}
