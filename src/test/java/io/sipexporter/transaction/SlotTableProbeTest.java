package io.sipexporter.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The table's lookups, deletions and sweep at their edges (issue 15): keys sharing a home, windows
 * wrapping past the table's end, entries moved on, deadlines lowered after the sweep last read a
 * group, partial sweeps of a group; and a random run checked against a plain map after every step.
 */
class SlotTableProbeTest {
  /** What the owner was told, in order: "expired 5", "evicted 7", "moved 3 4". */
  private final List<String> told = new ArrayList<>();

  /** A table with slots for {@code share} entries and room for many more: nothing is evicted. */
  private SlotTable table(int share) {
    return new SlotTable(
        share,
        new SharedCapacity(1 << 20),
        new SlotTable.Owner() {
          @Override
          public void expired(int slot) {
            told.add("expired " + slot);
          }

          @Override
          public void evicted(int slot) {
            told.add("evicted " + slot);
          }

          @Override
          public void moved(int from, int to) {
            told.add("moved " + from + " " + to);
          }
        });
  }

  /** A key whose home slot is {@code home} (its low bits), told apart by {@code id}. */
  private static long key(int home, int id) {
    return (long) (id + 1) << 32 | home;
  }

  @Test
  void removingOneOfSeveralKeysOfAHomeLeavesTheOthersFoundAndTheKeyFreeToComeBack() {
    SlotTable t = table(64); // 128 slots
    long a = key(5, 1);
    long b = key(5, 2);
    long c = key(5, 3);
    long other = key(6, 4); // lands in home 5's window, after a and b
    int sa = t.insert(a, 100, 0);
    int sb = t.insert(b, 100, 0);
    int so = t.insert(other, 100, 0);
    int sc = t.insert(c, 100, 0);
    assertThat(new int[] {sa, sb, so, sc}).containsExactly(5, 6, 7, 8);

    t.remove(sb);
    assertThat(t.find(a)).isEqualTo(5);
    assertThat(t.find(b)).isEqualTo(-1);
    assertThat(t.find(c)).isEqualTo(8);
    assertThat(t.find(other)).isEqualTo(7);
    t.remove(so);
    assertThat(t.find(other)).isEqualTo(-1);
    assertThat(t.find(c)).isEqualTo(8);
    assertThat(t.homed(5)).isEqualTo(1 << 0 | 1 << 3);
    assertThat(t.homed(6)).isZero();

    assertThat(t.insert(b, 100, 0)).isEqualTo(6); // the first free slot of its window
    assertThat(t.find(b)).isEqualTo(6);
    assertThat(t.size()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 9, 64, 1000})
  void aWindowWrapsPastTheTableEnd(int capacity) {
    SlotTable t = table(capacity);
    int slots = t.slots();
    int home = slots - 3;
    long[] keys = new long[10];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = key(home, i);
      assertThat(t.insert(keys[i], 100 + i, 0)).isEqualTo((home + i) & (slots - 1));
    }
    for (int i = 0; i < keys.length; i++) {
      assertThat(t.find(keys[i])).isEqualTo((home + i) & (slots - 1));
    }
    t.remove(t.find(keys[4])); // slot 1, across the end
    assertThat(t.find(keys[4])).isEqualTo(-1);
    assertThat(t.find(keys[9])).isEqualTo(6);
    assertThat(t.insert(key(home, 99), 500, 0)).isEqualTo(1);

    told.clear();
    t.sweep(0, slots, 105); // deadlines 100..105 expire: slots home..home+2, then 0 and 2 (not 1)
    assertThat(told)
        .containsExactly(
            "expired 0",
            "expired 2",
            "expired " + home,
            "expired " + (home + 1),
            "expired " + (home + 2));
    assertThat(t.find(keys[3])).isEqualTo(-1);
    assertThat(t.find(keys[6])).isEqualTo(3);
    assertThat(t.size()).isEqualTo(5);
  }

  @Test
  void aDeadlineLoweredAfterTheSweepReadItsGroupStillExpiresOnTime() {
    SlotTable t = table(64);
    int slot = t.insert(key(10, 1), 1_000, 0);
    t.sweep(0, t.slots(), 50); // reads the group: its earliest deadline is 1,000
    assertThat(told).isEmpty();
    t.deadline(slot, 40); // e.g. a final response answering sooner than the INVITE's Timer C
    t.sweep(0, t.slots(), 50);
    assertThat(told).containsExactly("expired 10");
  }

  @Test
  void aSweepOfPartOfAGroupLeavesTheRestOfItsBoundAlone() {
    SlotTable t = table(64); // 128 slots: groups [0, 64) and [64, 128)
    t.insert(key(10, 1), 100, 0);
    t.insert(key(40, 2), 5, 0);
    t.sweep(0, 32, 50); // the entry at 10 is not due; the one at 40 is outside the range
    assertThat(told).isEmpty();
    t.sweep(32, 64, 50);
    assertThat(told).containsExactly("expired 40");
  }

  @Test
  void anEntryMovedIntoAnotherGroupKeepsItsDeadline() {
    SlotTable t = table(64); // 128 slots: groups [0, 64) and [64, 128)
    long[] keys = new long[17];
    for (int i = 0; i < 16; i++) {
      keys[i] = key(50 + i, i); // one at each of slots 50..65: home 50's window full
      t.insert(keys[i], i == 1 ? 7 : 1_000, 0);
    }
    keys[16] = key(50, 16);
    told.clear();
    int slot = t.insert(keys[16], 1_000, 0); // slot 66 is free: home 51's key hops there
    assertThat(told).containsExactly("moved 51 66");
    assertThat(slot).isEqualTo(51);
    told.clear();
    t.sweep(64, 128, 10); // the moved key, due at 7, now lives in the second group
    assertThat(told).containsExactly("expired 66");
    for (int i = 0; i < keys.length; i++) {
      assertThat(t.find(keys[i])).isEqualTo(i == 1 ? -1 : i == 16 ? 51 : 50 + i);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 9, 64, 300})
  void aRandomRunAgreesWithAPlainMapAtEveryStep(int capacity) {
    Map<Long, Long> deadlines = new HashMap<>();
    Map<Integer, Long> bySlot = new HashMap<>();
    List<Integer> expired = new ArrayList<>();
    SlotTable[] holder = new SlotTable[1];
    SlotTable t =
        new SlotTable(
            capacity,
            new SlotTable.Owner() {
              @Override
              public void expired(int slot) {
                expired.add(slot);
                left(slot);
              }

              @Override
              public void evicted(int slot) {
                left(slot);
              }

              private void left(int slot) {
                Long key = bySlot.remove(slot);
                if (key == null || holder[0].keys[slot] != key) {
                  throw new AssertionError("slot " + slot + " left but held " + key);
                }
                deadlines.remove(key);
              }

              @Override
              public void moved(int from, int to) {
                if (bySlot.containsKey(to)) {
                  throw new AssertionError("moved onto the held slot " + to);
                }
                bySlot.put(to, bySlot.remove(from));
              }
            });
    holder[0] = t;
    int slots = t.slots();
    Random rnd = new Random(capacity);
    long now = 0;
    for (int step = 0; step < 4_000; step++) {
      int op = rnd.nextInt(10);
      if (op < 5) {
        // homes crowded onto every fourth slot: full windows, moves and evictions
        long key = key(rnd.nextInt(slots) & -4, step);
        long deadline = now + 1 + rnd.nextInt(50);
        int slot = t.insert(key, deadline, now);
        assertThat(bySlot).doesNotContainKey(slot);
        bySlot.put(slot, key);
        deadlines.put(key, deadline);
      } else if (op < 7 && !bySlot.isEmpty()) {
        int slot = anyOf(bySlot, rnd);
        deadlines.remove(bySlot.remove(slot));
        t.remove(slot);
      } else if (op < 8 && !bySlot.isEmpty()) {
        int slot = anyOf(bySlot, rnd);
        long deadline = now + rnd.nextInt(50);
        t.deadline(slot, deadline);
        deadlines.put(bySlot.get(slot), deadline);
      } else {
        now += rnd.nextInt(5);
        int from = rnd.nextInt(slots);
        int to = from + rnd.nextInt(slots - from + 1);
        List<Integer> due = new ArrayList<>();
        for (int s = from; s < to; s++) {
          if (bySlot.containsKey(s) && deadlines.get(bySlot.get(s)) <= now) {
            due.add(s);
          }
        }
        expired.clear();
        t.sweep(from, to, now);
        assertThat(expired).as("expired by sweep(%d, %d, %d)", from, to, now).isEqualTo(due);
      }
      check(t, bySlot, deadlines, rnd.nextInt(slots));
    }
    assertThat(t.size()).isPositive();
  }

  private static int anyOf(Map<Integer, Long> bySlot, Random rnd) {
    return new ArrayList<>(bySlot.keySet()).get(rnd.nextInt(bySlot.size()));
  }

  /** The table holds exactly the map, each key in its window, and its bitmaps say so. */
  private static void check(
      SlotTable t, Map<Integer, Long> bySlot, Map<Long, Long> deadlines, int absentHome) {
    int mask = t.slots() - 1;
    if (t.size() != bySlot.size()) {
      throw new AssertionError("size " + t.size() + ", expected " + bySlot.size());
    }
    int[] homed = new int[t.slots()];
    for (int s = 0; s < t.slots(); s++) {
      Long key = bySlot.get(s);
      if (t.keys[s] != (key == null ? 0 : key) || t.held(s) != (key != null)) {
        throw new AssertionError("slot " + s + " holds " + t.keys[s] + ", expected " + key);
      }
      if (key != null) {
        int home = (int) (long) key & mask;
        homed[home] |= 1 << ((s - home) & mask);
        if (((s - home) & mask) >= SlotTable.WINDOW
            || t.find(key) != s
            || t.deadlines[s] != deadlines.get(key)
            || t.earliest(s) > t.deadlines[s]) {
          throw new AssertionError("key " + key + " at slot " + s + " misplaced or mistimed");
        }
      }
    }
    for (int h = 0; h < t.slots(); h++) {
      if (t.homed(h) != homed[h]) {
        throw new AssertionError("home " + h + ": " + t.homed(h) + ", expected " + homed[h]);
      }
    }
    if (t.find(key(absentHome, -2)) != -1) {
      throw new AssertionError("found an absent key");
    }
  }
}
