package io.sipexporter.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fixed table: a crowded window makes room by moving entries on, each within its window. */
class SlotTableTest {
  @Test
  void aCrowdedRegionFillsToCapacityAndEveryEntryKeepsItsColumn() {
    long[] column = new long[128];
    int[] evictions = new int[1];
    int[] moves = new int[1];
    SlotTable table =
        new SlotTable(
            64,
            new SlotTable.Owner() {
              @Override
              public void expired(int slot) {}

              @Override
              public void evicted(int slot) {
                evictions[0]++;
              }

              @Override
              public void moved(int from, int to) {
                column[to] = column[from];
                moves[0]++;
              }
            });
    assertThat(table.slots()).isEqualTo(128);
    Random rnd = new Random(12);
    long[] keys = new long[64];
    for (int i = 0; i < keys.length; i++) {
      // homes crowded into the first 72 of 128 slots: many windows fill up
      keys[i] = ((long) (i + 1) << 32) | rnd.nextInt(72);
      column[table.insert(keys[i], 1000, 0)] = keys[i];
    }
    assertThat(evictions[0]).isZero();
    assertThat(moves[0]).isPositive();
    assertThat(table.size()).isEqualTo(64);
    for (long key : keys) {
      int slot = table.find(key);
      assertThat(slot).isNotNegative();
      assertThat(column[slot]).isEqualTo(key);
      assertThat(((slot - ((int) key & 127)) & 127)).isLessThan(SlotTable.WINDOW);
    }
    table.insert(1L << 40 | 3, 1000, 0);
    assertThat(evictions[0]).isEqualTo(1);
  }
}
