package io.sipexporter.peers;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which peer an IP address belongs to: the peer whose range holding it is the longest prefix. The
 * ranges are flattened once, when the table is built, into sorted disjoint segments, each owned by
 * the innermost range that covers it; a lookup is one binary search over them and allocates
 * nothing.
 *
 * <pre>{@code
 * PeerTable peers = PeerTable.of(List.of(new Peer("carrier-a", List.of(Cidr.parse("192.0.2.0/24")))));
 * int p = peers.lookupV4(0xC0000207);   // 192.0.2.7
 * String name = p < 0 ? "" : peers.name(p);
 * }</pre>
 */
public final class PeerTable {
  /** What {@link #lookupV4} and {@link #lookupV6} return for an address no peer holds. */
  public static final int NONE = -1;

  /** The table with no peers: every lookup is {@link #NONE}. */
  public static final PeerTable EMPTY = of(List.of());

  private final List<String> names;
  // IPv4 segments: [v4First[i], v4Last[i]] belongs to v4Peer[i]; addresses with the sign bit
  // flipped, so that signed int order is the addresses' unsigned order
  private final int[] v4First;
  private final int[] v4Last;
  private final int[] v4Peer;
  // IPv6 segments, each address as two unsigned longs
  private final long[] v6FirstHi;
  private final long[] v6FirstLo;
  private final long[] v6LastHi;
  private final long[] v6LastLo;
  private final int[] v6Peer;
  private final int prefixes;

  /** One peer: a label-safe name and its address ranges. */
  public record Peer(String name, List<Cidr> ranges) {
    public Peer {
      ranges = List.copyOf(ranges);
    }
  }

  private record Range(BigInteger first, BigInteger last, int length, int peer) {}

  private record Segment(BigInteger first, BigInteger last, int peer) {}

  private PeerTable(List<String> names, List<Segment> v4, List<Segment> v6, int prefixes) {
    this.names = List.copyOf(names);
    this.prefixes = prefixes;
    v4First = new int[v4.size()];
    v4Last = new int[v4.size()];
    v4Peer = new int[v4.size()];
    for (int i = 0; i < v4.size(); i++) {
      v4First[i] = v4.get(i).first().intValue() ^ Integer.MIN_VALUE;
      v4Last[i] = v4.get(i).last().intValue() ^ Integer.MIN_VALUE;
      v4Peer[i] = v4.get(i).peer();
    }
    v6FirstHi = new long[v6.size()];
    v6FirstLo = new long[v6.size()];
    v6LastHi = new long[v6.size()];
    v6LastLo = new long[v6.size()];
    v6Peer = new int[v6.size()];
    for (int i = 0; i < v6.size(); i++) {
      v6FirstHi[i] = v6.get(i).first().shiftRight(64).longValue();
      v6FirstLo[i] = v6.get(i).first().longValue();
      v6LastHi[i] = v6.get(i).last().shiftRight(64).longValue();
      v6LastLo[i] = v6.get(i).last().longValue();
      v6Peer[i] = v6.get(i).peer();
    }
  }

  /**
   * Builds the table; throws {@link IllegalArgumentException} naming the peers when two give the
   * same range (the longest prefix cannot choose between them) or one gives a range twice.
   */
  public static PeerTable of(List<Peer> peers) {
    List<String> names = new ArrayList<>();
    List<Range> v4 = new ArrayList<>();
    List<Range> v6 = new ArrayList<>();
    Map<Cidr, String> owners = new HashMap<>();
    int prefixes = 0;
    for (Peer p : peers) {
      int index = names.size();
      names.add(p.name());
      for (Cidr c : p.ranges()) {
        String other = owners.putIfAbsent(c, p.name());
        if (other != null) {
          throw new IllegalArgumentException(
              other.equals(p.name())
                  ? "peer '" + p.name() + "' lists " + c + " twice"
                  : c + " is given to both '" + other + "' and '" + p.name() + "'");
        }
        (c.v6() ? v6 : v4).add(new Range(c.first(), c.last(), c.prefixLength(), index));
        prefixes++;
      }
    }
    return new PeerTable(names, flatten(v4), flatten(v6), prefixes);
  }

  /**
   * The disjoint segments, sorted, each owned by the innermost (longest) range covering it. Prefix
   * ranges either nest or do not meet, so a stack of the open ranges is enough.
   */
  private static List<Segment> flatten(List<Range> ranges) {
    List<Range> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparing(Range::first).thenComparingInt(Range::length));
    List<Segment> out = new ArrayList<>();
    Deque<Range> open = new ArrayDeque<>();
    BigInteger cursor = BigInteger.ZERO;
    for (Range r : sorted) {
      while (!open.isEmpty() && open.peek().last().compareTo(r.first()) < 0) {
        cursor = close(open.pop(), cursor, out);
      }
      if (!open.isEmpty() && cursor.compareTo(r.first()) < 0) {
        out.add(new Segment(cursor, r.first().subtract(BigInteger.ONE), open.peek().peer()));
      }
      open.push(r);
      cursor = r.first();
    }
    while (!open.isEmpty()) {
      cursor = close(open.pop(), cursor, out);
    }
    return out;
  }

  /**
   * Emits what is left of {@code r} from {@code cursor} on; returns where the next segment starts.
   */
  private static BigInteger close(Range r, BigInteger cursor, List<Segment> out) {
    if (cursor.compareTo(r.last()) <= 0) {
      out.add(new Segment(cursor, r.last(), r.peer()));
      return r.last().add(BigInteger.ONE);
    }
    return cursor;
  }

  /** The peer holding the IPv4 address {@code address} (network byte order), or {@link #NONE}. */
  public int lookupV4(int address) {
    int key = address ^ Integer.MIN_VALUE;
    int n = v4First.length;
    if (n == 0 || key < v4First[0]) {
      return NONE;
    }
    // branch-free: base ends on the last segment starting at or before key
    int base = 0;
    while (n > 1) {
      int half = n >>> 1;
      base = v4First[base + half] <= key ? base + half : base;
      n -= half;
    }
    return key <= v4Last[base] ? v4Peer[base] : NONE;
  }

  /** The peer holding the IPv6 address {@code hi:lo} (its upper and lower 64 bits), or NONE. */
  public int lookupV6(long addressHi, long addressLo) {
    int lo = 0;
    int hi = v6FirstHi.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(v6FirstHi[mid], v6FirstLo[mid], addressHi, addressLo) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return hi >= 0 && compare(addressHi, addressLo, v6LastHi[hi], v6LastLo[hi]) <= 0
        ? v6Peer[hi]
        : NONE;
  }

  private static int compare(long aHi, long aLo, long bHi, long bLo) {
    int c = Long.compareUnsigned(aHi, bHi);
    return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
  }

  /** The name of peer {@code index}, as {@link #lookupV4} returned it. */
  public String name(int index) {
    return names.get(index);
  }

  /** The peers' names, in file order; a peer's index is its position here. */
  public List<String> names() {
    return names;
  }

  /** How many ranges the peers gave, in all. */
  public int prefixes() {
    return prefixes;
  }

  /**
   * How many disjoint segments the ranges flattened into (at most twice the prefixes, plus one).
   */
  int segments() {
    return v4First.length + v6FirstHi.length;
  }
}
