package io.sipexporter.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

  @ParameterizedTest
  @CsvSource({
    "192.0.2.0/24, 192.0.2.0/24",
    "198.51.100.7, 198.51.100.7/32",
    "0.0.0.0/0, 0.0.0.0/0",
    "2001:db8:a::/48, 2001:db8:a:0:0:0:0:0/48",
    "::1, 0:0:0:0:0:0:0:1/128",
    "::/0, 0:0:0:0:0:0:0:0/0",
    "::ffff:192.0.2.1, 0:0:0:0:0:ffff:c000:201/128",
    "2001:DB8::8:800:200C:417A, 2001:db8:0:0:8:800:200c:417a/128",
    "' 10.0.0.0/8 ', 10.0.0.0/8"
  })
  void readsPrefixesAndSingleAddresses(String text, String shown) throws Exception {
    Cidr c = Cidr.parse(text);
    assertThat(c.toString()).isEqualTo(shown);
    // the JDK's own reading of the address is the oracle for the value
    String address = text.strip().split("/")[0];
    byte[] bytes = InetAddress.getByName(address).getAddress();
    BigInteger expected = new BigInteger(1, bytes);
    if (c.v6() && bytes.length == 4) { // the JDK reads ::ffff:a.b.c.d as the IPv4 address
      expected = expected.or(BigInteger.valueOf(0xffffL).shiftLeft(32));
    }
    assertThat(c.first()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "192.0.2.1/24 | '192.0.2.1/24' has host bits set: did you mean 192.0.2.0/24?",
        "192.0.2.0/33 | the prefix length must be 0 to 32 for IPv4",
        "2001:db8::/129 | the prefix length must be 0 to 128 for IPv6",
        "192.0.2.0/ | the prefix length must be 0 to 32",
        "256.0.0.1 | 256 is not an octet (0-255)",
        "carrier-a | is not an IPv4 or IPv6 address or prefix",
        "192.0.2 | is not an IPv4 or IPv6 address or prefix",
        "2001:db8::1::2 | has '::' twice",
        "2001:db8:1:2:3:4:5 | does not have 8 groups of 16 bits",
        "2001:db8:12345::/48 | has a bad group '12345'",
        "'' | is not an IPv4 or IPv6 address or prefix"
      })
  void refusesWhatIsNoPrefixNamingTheProblem(String text, String message) {
    assertThatThrownBy(() -> Cidr.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
