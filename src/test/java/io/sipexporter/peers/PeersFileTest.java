package io.sipexporter.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeersFileTest {
  private static final String EXAMPLE =
      """
      peers:
        - name: carrier-a
          addresses: [192.0.2.0/24, "2001:db8:a::/48"]
        - name: pbx-1
          addresses:
            - 198.51.100.7
      """;

  @Test
  void readsTheIssuesExample(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("peers.yml");
    Files.writeString(file, EXAMPLE);
    PeerTable t = PeersFile.load(file);
    assertThat(t.names()).containsExactly("carrier-a", "pbx-1");
    assertThat(t.prefixes()).isEqualTo(3);
    assertThat(t.name(t.lookupV4(0xC6336407))).isEqualTo("pbx-1"); // 198.51.100.7
    assertThat(t.name(t.lookupV4(0xC0000201))).isEqualTo("carrier-a");
  }

  @Test
  void anEmptyListIsNoPeers() {
    assertThat(PeersFile.parse("peers: []\n").names()).isEmpty();
    assertThat(PeersFile.parse("peers:\n").names()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // what is wrong | the message
        "peers:\\n  - name: a\\n    addresses: [192.0.2.1/24]\\n"
            + " | line 3: '192.0.2.1/24' has host bits set: did you mean 192.0.2.0/24?",
        "peers:\\n  - name: a\\n    addresses:\\n      - 10.0.0.0/8\\n      - bogus\\n"
            + " | line 5: 'bogus' is not an IPv4 or IPv6 address or prefix",
        "peers:\\n  - name: a\\n    addresses: [10.0.0.0/8]\\n  - name: a\\n    addresses: [10.1.0.0/16]\\n"
            + " | line 4: peer 'a' is named twice (first on line 2)",
        "peers:\\n  - name: carrier a\\n    addresses: [10.0.0.0/8]\\n"
            + " | line 2: peer name 'carrier a': use letters, digits, '.', '_' and '-', at most 64",
        "peers:\\n  - name: other\\n    addresses: [10.0.0.0/8]\\n"
            + " | line 2: peer name 'other' is reserved",
        "peers:\\n  - addresses: [10.0.0.0/8]\\n | line 2: a peer without a name",
        "peers:\\n  - name: a\\n | line 2: peer 'a' has no addresses",
        "peers:\\n  - name: a\\n    address: [10.0.0.0/8]\\n"
            + " | line 3: unknown key 'address' in a peer (known: name, addresses)",
        "peer:\\n  - name: a\\n | line 1: unknown key 'peer' (known: peers)",
        "peers:\\n  - name: a\\n    addresses: [10.0.0.0/8\\n | line 3: not valid YAML: while parsing a flow sequence",
        "peers:\\n  - name: a\\n    addresses: [10.0.0.0/8]\\n  - name: b\\n    addresses: [10.0.0.0/8]\\n"
            + " | 10.0.0.0/8 is given to both 'a' and 'b'",
        "'' | line 1: empty; expected 'peers:' with a list of peers"
      })
  void anInvalidFileIsRefusedNamingTheLine(String yaml, String message) {
    assertThatThrownBy(() -> PeersFile.parse(yaml.replace("\\n", "\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void theFileIsNamedInEveryError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("peers.yml");
    Files.writeString(file, "peers:\n  - name: a\n    addresses: [300.0.0.1]\n");
    assertThatThrownBy(() -> PeersFile.load(file))
        .hasMessage(file + ": line 3: '300.0.0.1': 300 is not an octet (0-255)");
    assertThatThrownBy(() -> PeersFile.load(dir.resolve("missing.yml")))
        .hasMessageStartingWith(dir.resolve("missing.yml") + ": cannot read");
  }
}
