package io.sipexporter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ListenAddressTest {

  @ParameterizedTest
  @CsvSource({
    ":5060, 0.0.0.0, 5060, 0.0.0.0:5060",
    "127.0.0.1:10060, 127.0.0.1, 10060, 127.0.0.1:10060",
    "[::1]:5060, ::1, 5060, [::1]:5060",
    "[::]:0, ::, 0, [::]:0",
    "localhost:65535, localhost, 65535, localhost:65535"
  })
  void parsesHostAndPort(String text, String host, int port, String printed) {
    ListenAddress a = ListenAddress.parse(text);
    assertThat(a.host()).isEqualTo(host);
    assertThat(a.port()).isEqualTo(port);
    assertThat(a).hasToString(printed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5060", "host:", "host:-1", "host:65536", "host:http", "::1:5060", ""})
  void rejectsWithAMessageNamingTheValue(String text) {
    assertThatThrownBy(() -> ListenAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }
}
