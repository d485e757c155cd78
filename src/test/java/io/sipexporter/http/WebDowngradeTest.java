package io.sipexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.e2e.Pki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each setting a reloaded web config may not weaken, and the changes it may make. */
class WebDowngradeTest {
  private static final String HASH = "$2y$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
  private static final String USERS = "basic_auth_users:\n  a: " + HASH + "\n";

  @TempDir Path dir;

  @BeforeEach
  void pki() {
    Pki.create(dir.resolve("pki"));
  }

  private WebConfig config(String yaml) throws IOException {
    Path file = dir.resolve("web-" + Integer.toHexString(yaml.hashCode()) + ".yml");
    Files.writeString(file, yaml);
    return WebConfig.load(file);
  }

  private static String tls(String clientAuth, String min) {
    return "tls_server_config:\n  cert_file: pki/server.crt\n  key_file: pki/server.key\n"
        + "  client_auth_type: "
        + clientAuth
        + "\n"
        + (clientAuth.equals("NoClientCert") ? "" : "  client_ca_file: pki/ca.crt\n")
        + "  min_version: "
        + min
        + "\n";
  }

  @Test
  void removingEveryUserWeakensAnEmptiedOrCommentOnlyFileIncluded() throws IOException {
    WebConfig running = config(USERS);
    assertThat(WebDowngrade.of(running, config("")))
        .contains("basic_auth_users: no users, where the running config has 1");
    assertThat(WebDowngrade.of(running, config("# being rewritten\n")))
        .contains("basic_auth_users: no users");
    assertThat(WebDowngrade.of(running, config("basic_auth_users: {}\n"))).isNotNull();
    assertThat(WebDowngrade.of(running, config("basic_auth_users:\n  b: " + HASH + "\n")))
        .as("other users")
        .isNull();
    assertThat(WebDowngrade.of(config(""), config(USERS))).as("adding users").isNull();
  }

  @Test
  void turningTlsOffWeakens() throws IOException {
    WebConfig running = config(tls("NoClientCert", "TLS12") + USERS);
    assertThat(WebDowngrade.of(running, config(USERS)))
        .contains("tls_server_config: none, where the running config serves TLS");
    assertThat(WebDowngrade.of(running, config("tls_server_config: {}\n" + USERS))).isNotNull();
  }

  @Test
  void loweringClientAuthTypeWeakensRaisingItDoesNot() throws IOException {
    WebConfig required = config(tls("RequireAndVerifyClientCert", "TLS12"));
    WebConfig ifGiven = config(tls("VerifyClientCertIfGiven", "TLS12"));
    WebConfig none = config(tls("NoClientCert", "TLS12"));
    assertThat(WebDowngrade.of(required, ifGiven))
        .endsWith(
            "tls_server_config.client_auth_type: lowered from RequireAndVerifyClientCert to VerifyClientCertIfGiven");
    assertThat(WebDowngrade.of(required, none)).contains("to NoClientCert");
    assertThat(WebDowngrade.of(ifGiven, none)).contains("from VerifyClientCertIfGiven");
    assertThat(WebDowngrade.of(none, required)).isNull();
    assertThat(WebDowngrade.of(required, required)).isNull();
  }

  @Test
  void loweringMinVersionWeakensRaisingItDoesNot() throws IOException {
    WebConfig tls13 = config(tls("NoClientCert", "TLS13"));
    WebConfig tls12 = config(tls("NoClientCert", "TLS12"));
    assertThat(WebDowngrade.of(tls13, tls12))
        .endsWith("tls_server_config.min_version: lowered from TLS13 to TLS12");
    assertThat(WebDowngrade.of(tls12, tls13)).isNull();
  }
}
