package io.sipexporter.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** A socket's sender objects: made once a sender, remade only when the sender changes. */
class SenderCacheTest {
  private final SenderCache cache = new SenderCache();

  @Test
  void theSameSenderIsTheSameObject() {
    byte[] raw = {(byte) 192, 0, 2, 7};
    InetSocketAddress first = cache.of(raw, 4, 5060);

    assertThat(first).isEqualTo(new InetSocketAddress("192.0.2.7", 5060));
    assertThat(cache.of(raw.clone(), 4, 5060)).isSameAs(first);
  }

  @Test
  void anotherAddressOrPortIsANewSender() {
    InetSocketAddress first = cache.of(new byte[] {(byte) 192, 0, 2, 7}, 4, 5060);

    assertThat(cache.of(new byte[] {(byte) 192, 0, 2, 8}, 4, 5060))
        .isEqualTo(new InetSocketAddress("192.0.2.8", 5060));
    assertThat(cache.of(new byte[] {(byte) 192, 0, 2, 7}, 4, 5062))
        .isEqualTo(new InetSocketAddress("192.0.2.7", 5062))
        .isNotSameAs(first);
  }

  @Test
  void onlyTheAddressBytesCount() {
    // the binding's array is 16 bytes long; an IPv4 sender fills the first 4, the rest is stale
    byte[] raw = new byte[16];
    raw[0] = 10;
    raw[3] = 1;
    raw[9] = 99;
    InetSocketAddress first = cache.of(raw, 4, 5060);
    raw[9] = 42;

    assertThat(first).isEqualTo(new InetSocketAddress("10.0.0.1", 5060));
    assertThat(cache.of(raw, 4, 5060)).isSameAs(first);
  }

  @Test
  void anIpv4MappedSenderIsIpv4AndIpv6StaysIpv6() {
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = (byte) 198;
    mapped[13] = 51;
    mapped[14] = 100;
    mapped[15] = 4;
    assertThat(cache.of(mapped, 16, 9060).getAddress())
        .isInstanceOf(Inet4Address.class)
        .hasToString("/198.51.100.4");

    byte[] v6 = new byte[16];
    v6[0] = 0x20;
    v6[1] = 0x01;
    v6[2] = 0x0d;
    v6[3] = (byte) 0xb8;
    v6[15] = 1;
    assertThat(cache.of(v6, 16, 9060)).isEqualTo(new InetSocketAddress("2001:db8::1", 9060));
  }

  @Test
  void noReportedSenderIsNull() {
    assertThat(cache.of(new byte[16], 0, 0)).isNull();
  }
}
