package io.sipexporter.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipexporter.Allocation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PeerTableTest {

  private static PeerTable table(String... nameThenRanges) {
    List<PeerTable.Peer> peers = new ArrayList<>();
    for (String spec : nameThenRanges) {
      String[] parts = spec.split(" ");
      List<Cidr> ranges = new ArrayList<>();
      for (int i = 1; i < parts.length; i++) {
        ranges.add(Cidr.parse(parts[i]));
      }
      peers.add(new PeerTable.Peer(parts[0], ranges));
    }
    return PeerTable.of(peers);
  }

  private static String v4(PeerTable t, String address) {
    int p = t.lookupV4(Cidr.parse(address).first().intValue());
    return p == PeerTable.NONE ? "" : t.name(p);
  }

  private static String v6(PeerTable t, String address) {
    BigInteger a = Cidr.parse(address).first();
    int p = t.lookupV6(a.shiftRight(64).longValue(), a.longValue());
    return p == PeerTable.NONE ? "" : t.name(p);
  }

  @Test
  void theLongestPrefixWinsInsideAndAroundANestedRange() {
    PeerTable t =
        table("carrier-a 192.0.2.0/24", "pbx-1 192.0.2.7", "edge 192.0.2.128/25", "all 0.0.0.0/0");
    assertThat(v4(t, "192.0.2.7")).isEqualTo("pbx-1");
    assertThat(v4(t, "192.0.2.6")).isEqualTo("carrier-a");
    assertThat(v4(t, "192.0.2.8")).isEqualTo("carrier-a");
    assertThat(v4(t, "192.0.2.0")).isEqualTo("carrier-a");
    assertThat(v4(t, "192.0.2.127")).isEqualTo("carrier-a");
    assertThat(v4(t, "192.0.2.128")).isEqualTo("edge");
    assertThat(v4(t, "192.0.2.255")).isEqualTo("edge");
    assertThat(v4(t, "192.0.3.0")).isEqualTo("all");
    assertThat(v4(t, "0.0.0.0")).isEqualTo("all");
    assertThat(v4(t, "255.255.255.255")).isEqualTo("all");
  }

  @Test
  void anAddressNoPeerHoldsHasNoPeer() {
    PeerTable t = table("carrier-a 192.0.2.0/24 2001:db8:a::/48");
    assertThat(v4(t, "192.0.1.255")).isEmpty();
    assertThat(v4(t, "192.0.3.0")).isEmpty();
    assertThat(v6(t, "2001:db8:b::1")).isEmpty();
    assertThat(v6(t, "2001:db8:a:ffff:ffff:ffff:ffff:ffff")).isEqualTo("carrier-a");
    assertThat(PeerTable.EMPTY.lookupV4(0x7f000001)).isEqualTo(PeerTable.NONE);
    assertThat(PeerTable.EMPTY.lookupV6(0, 1)).isEqualTo(PeerTable.NONE);
  }

  @Test
  void ipv6FromSlash0ToSlash128() {
    PeerTable t =
        table("all ::/0", "doc 2001:db8::/32", "site 2001:db8:a::/48", "host 2001:db8:a::7");
    assertThat(v6(t, "2001:db8:a::7")).isEqualTo("host");
    assertThat(v6(t, "2001:db8:a::8")).isEqualTo("site");
    assertThat(v6(t, "2001:db8:ffff::1")).isEqualTo("doc");
    assertThat(v6(t, "fe80::1")).isEqualTo("all");
    assertThat(v6(t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isEqualTo("all");
    // the families are separate: an IPv4 lookup never meets an IPv6 range
    assertThat(v4(t, "192.0.2.1")).isEmpty();
  }

  @Test
  void agreesWithAScanOfEveryPrefixOnRandomNestedRanges() {
    Random random = new Random(17);
    for (int round = 0; round < 20; round++) {
      List<PeerTable.Peer> peers = new ArrayList<>();
      List<Cidr> all = new ArrayList<>();
      List<Integer> owner = new ArrayList<>();
      for (int p = 0; p < 30; p++) {
        List<Cidr> ranges = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
          // addresses in 10.0.0.0/16 so that ranges nest and touch often
          int length = 16 + random.nextInt(17);
          long address = (10L << 24) | random.nextInt(1 << 16);
          long mask = length == 0 ? 0 : (0xffffffffL << (32 - length)) & 0xffffffffL;
          Cidr c = Cidr.parse(dotted(address & mask) + "/" + length);
          if (!all.contains(c)) {
            ranges.add(c);
            all.add(c);
            owner.add(p);
          }
        }
        peers.add(new PeerTable.Peer("p" + p, ranges));
      }
      PeerTable t = PeerTable.of(peers);
      for (int i = 0; i < 2000; i++) {
        long address = (10L << 24) | random.nextInt(1 << 16);
        int expected = PeerTable.NONE;
        int best = -1;
        for (int k = 0; k < all.size(); k++) {
          Cidr c = all.get(k);
          BigInteger a = BigInteger.valueOf(address);
          if (a.compareTo(c.first()) >= 0
              && a.compareTo(c.last()) <= 0
              && c.prefixLength() > best) {
            best = c.prefixLength();
            expected = owner.get(k);
          }
        }
        assertThat(t.lookupV4((int) address)).as(dotted(address)).isEqualTo(expected);
      }
      assertThat(t.prefixes()).isEqualTo(all.size());
    }
  }

  @Test
  void theSameRangeForTwoPeersOrTwiceForOneIsRefused() {
    assertThatThrownBy(() -> table("a 192.0.2.0/24", "b 192.0.2.0/24"))
        .hasMessage("192.0.2.0/24 is given to both 'a' and 'b'");
    assertThatThrownBy(() -> table("a 192.0.2.0/24 192.0.2.0/24"))
        .hasMessage("peer 'a' lists 192.0.2.0/24 twice");
  }

  @Test
  void aLookupAllocatesNothing() {
    PeerTable t = table("carrier-a 192.0.2.0/24 2001:db8:a::/48", "pbx-1 198.51.100.7");
    long hi = Cidr.parse("2001:db8:a::1").first().shiftRight(64).longValue();
    assertThat(Allocation.allocatedBytes()).as("the JVM counts allocations").isNotNegative();
    int sink = 0;
    for (int round = 0; round < 2; round++) {
      long before = Allocation.allocatedBytes();
      for (int i = 0; i < 100_000; i++) {
        sink += t.lookupV4(0xC0000200 | (i & 0xff)) + 1 + t.lookupV6(hi, i) + 1;
      }
      long allocated = Allocation.allocatedBytes() - before;
      if (round == 1) {
        assertThat(allocated).as("bytes allocated by 200,000 lookups").isLessThan(1024);
      }
    }
    assertThat(sink).isNotZero();
  }

  private static String dotted(long a) {
    return (a >> 24 & 0xff) + "." + (a >> 16 & 0xff) + "." + (a >> 8 & 0xff) + "." + (a & 0xff);
  }
}
