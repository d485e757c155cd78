package io.sipexporter.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The {@code node} label of {@code --hep.nodes=N}: the first N distinct HEP capture agent ids each
 * get a slot of their own (1..N, in the order first seen), every later id shares slot N+1 ({@code
 * other}), and a message that did not come in HEP is slot 0 ({@code ""}). With N = 0 every message
 * is slot 0 and there is no label. Thread-safe: a lookup is a lock-free probe of a small
 * open-addressing table; a new id takes a lock once, and only until the table is full.
 *
 * <pre>{@code
 * NodeTable nodes = new NodeTable(50);
 * int slot = nodes.slot(packet.captureAgentId()); // 1 for the first id seen
 * String label = nodes.label(slot); // "2001"
 * }</pre>
 */
public final class NodeTable {
  /** The capture id of a message that did not come in HEP (raw SIP, a capture without HEP). */
  public static final long NOT_HEP = -1;

  /** The most {@code --hep.nodes} allows. */
  public static final int MAX_NODES = 1000;

  private final int nodes;
  private final int mask;
  // (slot << 32) | id; 0 is empty (slots start at 1). At most half full, so a probe ends.
  private final AtomicLongArray table;
  private final long[] ids; // by slot - 1; written before its entry is published in the table
  private volatile int size;

  public NodeTable(int nodes) {
    if (nodes < 0 || nodes > MAX_NODES) {
      throw new IllegalArgumentException("nodes must be 0 to " + MAX_NODES + ", not " + nodes);
    }
    this.nodes = nodes;
    int capacity = Integer.highestOneBit(Math.max(2, nodes) * 2 - 1) << 1;
    this.mask = capacity - 1;
    this.table = new AtomicLongArray(nodes == 0 ? 0 : capacity);
    this.ids = new long[nodes];
  }

  /** True when messages carry a {@code node} label. */
  public boolean labelled() {
    return nodes > 0;
  }

  /** How many slots there are: 1 when off, else N + 2 (not HEP, N ids, other). */
  public int slots() {
    return nodes == 0 ? 1 : nodes + 2;
  }

  /** The slot of a HEP capture agent id (unsigned 32-bit), or of {@link #NOT_HEP}. */
  public int slot(long captureId) {
    if (nodes == 0 || captureId < 0) {
      return 0;
    }
    long id = captureId & 0xFFFF_FFFFL;
    for (int i = hash(id); ; i = (i + 1) & mask) {
      long entry = table.get(i);
      if (entry == 0) {
        return size == nodes ? nodes + 1 : claim(id);
      }
      if ((entry & 0xFFFF_FFFFL) == id) {
        return (int) (entry >>> 32);
      }
    }
  }

  /** The label value of a slot: {@code ""}, the capture id in decimal, or {@code other}. */
  public String label(int slot) {
    if (slot == 0) {
      return "";
    }
    return slot > nodes ? "other" : Long.toString(ids[slot - 1]);
  }

  private synchronized int claim(long captureId) {
    int i = hash(captureId);
    for (long entry; (entry = table.get(i)) != 0; i = (i + 1) & mask) {
      if ((entry & 0xFFFF_FFFFL) == captureId) {
        return (int) (entry >>> 32); // another thread claimed it first
      }
    }
    if (size == nodes) {
      return nodes + 1;
    }
    int slot = size + 1;
    ids[slot - 1] = captureId;
    table.set(i, ((long) slot << 32) | captureId);
    size = slot;
    return slot;
  }

  private int hash(long captureId) {
    return (int) ((captureId * 0x9E37_79B9_7F4A_7C15L) >>> 40) & mask;
  }
}
