package io.sipexporter.metrics;

import io.micrometer.core.instrument.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The dynamic labels of the SIP message and transaction meters, {@code node} (under {@code
 * --hep.nodes}), {@code peer} and {@code direction} (under {@code --peers.file}), as one small
 * index a counter array is indexed by. Set 0 has none of them (every label present is {@code ""});
 * sets 1-3 are the folded ones ({@code node} and {@code peer} {@code other}), one per direction;
 * the others are claimed in the order first seen, up to {@link #MAX_SETS}, then fold. A lookup is a
 * lock-free probe; claiming a set takes a lock once. Thread-safe.
 *
 * <pre>{@code
 * LabelSets sets = new LabelSets(nodes, true, new SeriesBudget(5000, registry));
 * int peer = sets.peerSlot("carrier-a"); // at (re)load, never on the hot path
 * int set = sets.index(NodeTable.NOT_HEP, peer, LabelSets.IN);
 * sets.tags(set); // [peer=carrier-a, direction=in]
 * }</pre>
 */
public final class LabelSets {
  /** No peer matched (or no peers file): {@code direction=""}. */
  public static final int NO_DIRECTION = 0;

  /** The peer sent the message (for a response: the peer answered). */
  public static final int IN = 1;

  /** The message was sent to the peer (for a response: we answered the peer). */
  public static final int OUT = 2;

  /** The peer slot of a message no peer's addresses hold: {@code peer=""}. */
  public static final int NO_PEER = 0;

  /** How many label sets may be claimed before new ones fold into sets 1-3. */
  public static final int MAX_SETS = 4096;

  private static final String[] DIRECTIONS = {"", "in", "out"};
  private static final int OTHER_PEER = 1;
  private static final int MAX_PEER_SLOTS = 1 << 20;

  private final NodeTable nodes;
  private final boolean peers;
  private final SeriesBudget budget; // null: nothing is labelled, nothing to spend
  private final int mask;
  // (index << 32) | key, 0 empty; key = node << 22 | peer << 2 | direction, never 0 when stored
  private final AtomicLongArray table;
  private final int[] keys = new int[MAX_SETS]; // by index; written before the entry is published
  private volatile int size;
  private int entries; // keys in the table, folded ones too; guarded by this
  // peer names by slot: 0 "", 1 "other", then each name a peers file gave, never reused
  private final Map<String, Integer> peerSlots = new HashMap<>(); // guarded by this
  private volatile String[] peerNames = {"", "other"};

  /**
   * Sets with a node label when {@code nodes} has one, peer and direction labels when {@code
   * peers}; their series spend {@code budget}.
   */
  public LabelSets(NodeTable nodes, boolean peers, SeriesBudget budget) {
    this.nodes = nodes;
    this.peers = peers;
    this.budget = budget;
    this.table = new AtomicLongArray(2 * Integer.highestOneBit(MAX_SETS * 2 - 1));
    this.mask = table.length() - 1;
    int folded = (nodes.labelled() ? nodes.slots() - 1 : 0) << 22 | (peers ? OTHER_PEER << 2 : 0);
    for (int d = 0; d < DIRECTIONS.length; d++) {
      keys[1 + d] = folded | d; // sets 1-3, never claimed by a lookup: their key may repeat 0
    }
    size = 4;
    if (budget != null && labelled()) {
      budget.expose();
    }
  }

  /** Sets without labels: every message is set 0. */
  public static LabelSets none() {
    return new LabelSets(new NodeTable(0), false, null);
  }

  /** True when the meters carry any of these labels. */
  public boolean labelled() {
    return peers || nodes.labelled();
  }

  /** True when the meters carry {@code peer} and {@code direction}. */
  public boolean peers() {
    return peers;
  }

  /** The node table behind the {@code node} label. */
  NodeTable nodes() {
    return nodes;
  }

  /** The stable slot of peer {@code name}, given it at its first call. Not for the hot path. */
  public synchronized int peerSlot(String name) {
    Integer slot = peerSlots.get(name);
    if (slot != null) {
      return slot;
    }
    if (peerNames.length == MAX_PEER_SLOTS) {
      return OTHER_PEER;
    }
    String[] names = Arrays.copyOf(peerNames, peerNames.length + 1);
    names[names.length - 1] = name;
    peerSlots.put(name, names.length - 1);
    peerNames = names;
    return names.length - 1;
  }

  /** The set of a message from HEP agent {@code captureId} (or NOT_HEP), peer slot, direction. */
  public int index(long captureId, int peerSlot, int direction) {
    int node = nodes.slot(captureId);
    int key = node << 22 | peerSlot << 2 | direction;
    return key == 0 ? 0 : lookup(key);
  }

  /** The set of {@code key}, claimed now if it is new. */
  private int lookup(int key) {
    for (int i = hash(key); ; i = (i + 1) & mask) {
      long entry = table.get(i);
      if (entry == 0) {
        return claim(key);
      }
      if ((int) entry == key) {
        return (int) (entry >>> 32);
      }
    }
  }

  /**
   * The set of the side that should answer a request counted in {@code requestSet}: the same node
   * and peer, the other direction (a request sent to the peer, {@code out}, is answered by it,
   * {@code in}). Set 0 stays 0.
   */
  public int answering(int requestSet) {
    int key = keys[requestSet];
    int direction = key & 3;
    if (direction == NO_DIRECTION) {
      return requestSet;
    }
    int flipped = (key & ~3) | (direction == IN ? OUT : IN);
    if (folded(requestSet)) {
      return foldOf(requestSet) == 1 + IN ? 1 + OUT : 1 + IN;
    }
    return lookup(flipped);
  }

  /** True for the sets whose {@code node} or {@code peer} was folded into {@code other}. */
  public boolean folded(int set) {
    return set >= 1 && set <= 3;
  }

  /**
   * The set {@code series} new series of {@code meter} in {@code set} are counted in: {@code set}
   * while the budget lasts (set 0 and the folded sets never spend it), else its folded set.
   */
  int charge(int set, int series, SipMeters meter) {
    return set <= 3 || budget == null || budget.take(series, meter) ? set : foldOf(set);
  }

  /** The folded set with the direction of {@code set}. */
  public int foldOf(int set) {
    return 1 + (keys[set] & 3);
  }

  /** The labels of {@code set}: node, peer and direction, each when configured. */
  public List<Tag> tags(int set) {
    return tags(set, true);
  }

  /**
   * The labels of {@code set}; {@code node} only when {@code withNode} (messages, not
   * transactions).
   */
  List<Tag> tags(int set, boolean withNode) {
    int key = keys[set];
    List<Tag> tags = new ArrayList<>(3);
    if (withNode && nodes.labelled()) {
      tags.add(Tag.of(SipMeters.NODE_LABEL, nodes.label(key >>> 22)));
    }
    if (peers) {
      tags.add(Tag.of(SipMeters.PEER_LABEL, peerNames[(key >>> 2) & (MAX_PEER_SLOTS - 1)]));
      tags.add(Tag.of(SipMeters.DIRECTION_LABEL, DIRECTIONS[key & 3]));
    }
    return tags;
  }

  /** How many sets can be told apart (the size of per-set arrays). */
  public int capacity() {
    return labelled() ? MAX_SETS : 1;
  }

  private synchronized int claim(int key) {
    int i = hash(key);
    for (long entry; (entry = table.get(i)) != 0; i = (i + 1) & mask) {
      if ((int) entry == key) {
        return (int) (entry >>> 32); // another thread claimed it first
      }
    }
    int set;
    if (size == MAX_SETS || (budget != null && budget.spent())) {
      set = 1 + (key & 3); // folds whole: no arrays of its own
      if (budget != null) {
        budget.labelSetFolded();
      }
    } else {
      set = size;
      keys[set] = key;
      size = set + 1;
    }
    if (entries < MAX_SETS) { // at most half the table: every probe ends
      table.set(i, ((long) set << 32) | (key & 0xFFFF_FFFFL));
      entries++;
    }
    return set;
  }

  private int hash(int key) {
    return (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> 40) & mask;
  }
}
