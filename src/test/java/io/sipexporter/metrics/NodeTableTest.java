package io.sipexporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Which {@code node} label each HEP capture agent id gets. */
class NodeTableTest {
  private static final long MAX_U32 = 0xFFFF_FFFFL;

  @Test
  void theFirstNIdsGetSlotsInTheOrderSeenAndLaterOnesShareOther() {
    NodeTable nodes = new NodeTable(2);

    assertThat(nodes.slots()).isEqualTo(4);
    assertThat(nodes.slot(2001)).isEqualTo(1);
    assertThat(nodes.slot(101)).isEqualTo(2);
    assertThat(nodes.slot(3003)).isEqualTo(3);
    assertThat(nodes.slot(4004)).isEqualTo(3);
    assertThat(nodes.slot(2001)).as("a known id keeps its slot").isEqualTo(1);
    assertThat(nodes.slot(101)).isEqualTo(2);
    assertThat(nodes.slot(3003)).as("an overflow id stays other").isEqualTo(3);

    assertThat(nodes.label(1)).isEqualTo("2001");
    assertThat(nodes.label(2)).isEqualTo("101");
    assertThat(nodes.label(3)).isEqualTo("other");
  }

  @Test
  void notHepIsSlotZeroWithAnEmptyLabel() {
    NodeTable nodes = new NodeTable(2);

    assertThat(nodes.slot(NodeTable.NOT_HEP)).isZero();
    assertThat(nodes.label(0)).isEmpty();
    assertThat(nodes.slot(7)).as("not HEP took no slot").isEqualTo(1);
  }

  @Test
  void idZeroAndTheLargestUnsigned32BitIdAreOrdinaryIds() {
    NodeTable nodes = new NodeTable(3);

    assertThat(nodes.slot(0)).isEqualTo(1);
    assertThat(nodes.slot(MAX_U32)).isEqualTo(2);
    assertThat(nodes.slot(MAX_U32 - 1)).isEqualTo(3);
    assertThat(nodes.slot(0)).isEqualTo(1);
    assertThat(nodes.slot(MAX_U32)).isEqualTo(2);

    assertThat(nodes.label(1)).isEqualTo("0");
    assertThat(nodes.label(2)).isEqualTo("4294967295");
    assertThat(nodes.label(3)).isEqualTo("4294967294");
  }

  @Test
  void offPutsEveryMessageInSlotZeroWithoutALabel() {
    NodeTable nodes = new NodeTable(0);

    assertThat(nodes.labelled()).isFalse();
    assertThat(nodes.slots()).isEqualTo(1);
    assertThat(nodes.slot(2001)).isZero();
    assertThat(nodes.slot(NodeTable.NOT_HEP)).isZero();
  }

  @Test
  void aFullTableOfTheMostNodesStillFindsEveryId() {
    NodeTable nodes = new NodeTable(NodeTable.MAX_NODES);

    // ids that differ only in high bits, the worst case for a hash that drops them
    for (int i = 0; i < NodeTable.MAX_NODES; i++) {
      assertThat(nodes.slot((long) i << 20)).isEqualTo(i + 1);
    }
    assertThat(nodes.slot(MAX_U32)).isEqualTo(NodeTable.MAX_NODES + 1);
    for (int i = 0; i < NodeTable.MAX_NODES; i++) {
      assertThat(nodes.slot((long) i << 20)).isEqualTo(i + 1);
      assertThat(nodes.label(i + 1)).isEqualTo(Long.toString((long) i << 20));
    }
  }

  @Test
  void threadsRacingOnNewIdsAgreeOnOneSlotEach() throws Exception {
    for (int round = 0; round < 50; round++) {
      NodeTable nodes = new NodeTable(8);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Callable<int[]>> tasks = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          tasks.add(
              () -> {
                int[] slots = new int[16];
                for (int id = 0; id < 16; id++) {
                  slots[id] = nodes.slot(1000 + id);
                }
                return slots;
              });
        }
        List<int[]> results = new ArrayList<>();
        for (Future<int[]> f : pool.invokeAll(tasks)) {
          results.add(f.get());
        }
        Set<Integer> own = new TreeSet<>();
        for (int id = 0; id < 16; id++) {
          int slot = results.get(0)[id];
          for (int[] r : results) {
            assertThat(r[id]).as("id %d in round %d", 1000 + id, round).isEqualTo(slot);
          }
          if (slot != 9) {
            assertThat(own.add(slot)).as("slot %d given twice", slot).isTrue();
          }
        }
        assertThat(own).as("exactly 8 ids got their own slot").hasSize(8);
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void rejectsMoreNodesThanTheLimit() {
    assertThatThrownBy(() -> new NodeTable(NodeTable.MAX_NODES + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nodes must be 0 to 1000, not 1001");
    assertThatThrownBy(() -> new NodeTable(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
