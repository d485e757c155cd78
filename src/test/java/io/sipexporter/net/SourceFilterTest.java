package io.sipexporter.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --sip.allowed-sources / --hep.allowed-sources: CIDR lists, IPv4 and IPv6. */
class SourceFilterTest {

  @Test
  void emptyTakesEverySender() throws Exception {
    assertThat(SourceFilter.parse("").allowsAll()).isTrue();
    assertThat(SourceFilter.parse(null).allows(InetAddress.getByName("203.0.113.9"))).isTrue();
  }

  @Test
  void ipv4AndIpv6RangesAndSingleHosts() throws Exception {
    SourceFilter f = SourceFilter.parse("10.0.0.0/8, 192.0.2.7, 2001:db8::/32,127.0.0.2/31");
    assertThat(f.allows(InetAddress.getByName("10.255.1.2"))).isTrue();
    assertThat(f.allows(InetAddress.getByName("11.0.0.1"))).isFalse();
    assertThat(f.allows(InetAddress.getByName("192.0.2.7"))).isTrue();
    assertThat(f.allows(InetAddress.getByName("192.0.2.8"))).isFalse();
    assertThat(f.allows(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
    assertThat(f.allows(InetAddress.getByName("2001:db9::1"))).isFalse();
    assertThat(f.allows(InetAddress.getByName("127.0.0.3"))).isTrue();
    assertThat(f.allows(InetAddress.getByName("127.0.0.1"))).isFalse();
  }

  @Test
  void ipv4MappedSendersOfADualStackSocketMatchIpv4Ranges() throws Exception {
    SourceFilter f = SourceFilter.parse("10.0.0.0/8");
    byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 1, 2, 3};
    assertThat(f.allows(java.net.Inet6Address.getByAddress(null, mapped, null))).isTrue();
  }

  @Test
  void hostBitsAreIgnoredAndZeroPrefixTakesAllOfAFamily() throws Exception {
    assertThat(SourceFilter.parse("192.0.2.77/24").allows(InetAddress.getByName("192.0.2.1")))
        .isTrue();
    SourceFilter v4 = SourceFilter.parse("0.0.0.0/0");
    assertThat(v4.allows(InetAddress.getByName("198.51.100.1"))).isTrue();
    assertThat(v4.allows(InetAddress.getByName("::1"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "example.com",
        "10.0.0.0/33",
        "2001:db8::/129",
        "10.0.0.0/",
        "256.1.1.1/32",
        "10.0.0/8",
        "10.0.0.0/8,,192.0.2.1",
        "fe80::1%eth0"
      })
  void invalidEntriesAreNamed(String list) {
    assertThatThrownBy(() -> SourceFilter.parse(list))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not an IPv4 or IPv6 CIDR range");
  }
}
