package io.sipexporter.bench;

import io.sipexporter.peers.Cidr;
import io.sipexporter.peers.PeerTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds per address-to-peer lookup with 1,000 IPv4 prefixes (/16 to /32, nested), for 4,096
 * addresses of which about half fall in a peer's range. The baseline is the textbook longest-prefix
 * match on JDK collections: one HashMap per prefix length, probed from /32 down.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PeerLookupBenchmark {
  static final int PREFIXES = 1000;
  static final int ADDRESSES = 4096;

  private PeerTable table;
  private final List<Map<Integer, Integer>> byLength = new ArrayList<>();
  private final int[] addresses = new int[ADDRESSES];

  @Setup
  public void setUp() {
    Random random = new Random(42);
    List<PeerTable.Peer> peers = new ArrayList<>();
    for (int i = 0; i <= 32; i++) {
      byLength.add(new HashMap<>());
    }
    int made = 0;
    for (int p = 0; made < PREFIXES; p++) {
      List<Cidr> ranges = new ArrayList<>();
      for (int r = 0; r < 10 && made < PREFIXES; r++) {
        int length = 16 + random.nextInt(17);
        int address = (10 << 24) | random.nextInt(1 << 20);
        int mask = (int) (0xffffffffL << (32 - length));
        int first = address & mask;
        if (byLength.get(length).putIfAbsent(first, p) == null) {
          ranges.add(Cidr.parse(dotted(first) + "/" + length));
          made++;
        }
      }
      peers.add(new PeerTable.Peer("p" + p, ranges));
    }
    table = PeerTable.of(peers);
    for (int i = 0; i < ADDRESSES; i++) {
      addresses[i] = (10 << 24) | random.nextInt(1 << 20);
    }
  }

  @Benchmark
  @OperationsPerInvocation(ADDRESSES)
  public int peerTable() {
    int sum = 0;
    for (int a : addresses) {
      sum += table.lookupV4(a);
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(ADDRESSES)
  public int hashMapPerLength() {
    int sum = 0;
    for (int a : addresses) {
      int found = PeerTable.NONE;
      for (int length = 32; length >= 0; length--) {
        int mask = length == 0 ? 0 : (int) (0xffffffffL << (32 - length));
        Integer p = byLength.get(length).get(a & mask);
        if (p != null) {
          found = p;
          break;
        }
      }
      sum += found;
    }
    return sum;
  }

  private static String dotted(int a) {
    return (a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
  }
}
