package io.sipexporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipexporter.e2e.Pki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebConfigTest {
  private static final String HASH = "$2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi";

  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void pems() {
    Pki.create(dir.resolve("tls")); // ca.crt, server.crt, server.key, client.*, other-*
    file = dir.resolve("web.yml");
  }

  private WebConfig load(String yaml) throws IOException {
    Files.writeString(file, yaml);
    return WebConfig.load(file);
  }

  @Test
  void readsTlsAndUsersWithPathsRelativeToTheFile() throws IOException {
    WebConfig config =
        load(
            """
            tls_server_config:
              cert_file: tls/server.crt
              key_file: tls/server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: tls/ca.crt
              min_version: TLS13
            basic_auth_users:
              prometheus: %s
            """
                .formatted(HASH));
    assertThat(config.users()).containsExactlyEntriesOf(java.util.Map.of("prometheus", HASH));
    assertThat(config.tls().clientAuth()).isEqualTo(WebTls.ClientAuth.REQUIRE_AND_VERIFY);
    assertThat(config.tls().min()).isEqualTo(WebTls.Version.TLS13);
    assertThat(config.tls().max()).isEqualTo(WebTls.Version.TLS13);
    assertThat(config.tls().cert()).isEqualTo(Files.readAllBytes(dir.resolve("tls/server.crt")));
    assertThat(config.watched())
        .containsExactly(
            file,
            dir.resolve("tls/server.crt"),
            dir.resolve("tls/server.key"),
            dir.resolve("tls/ca.crt"));
    assertThat(config.tls().sslOptions().getEnabledSecureTransportProtocols())
        .containsExactly("TLSv1.3");
  }

  @Test
  void defaultsAreTls12To13WithoutClientCertificates() throws IOException {
    WebConfig config =
        load("tls_server_config:\n  cert_file: tls/server.crt\n  key_file: tls/server.key\n");
    assertThat(config.users()).isEmpty();
    assertThat(config.tls().clientAuth()).isEqualTo(WebTls.ClientAuth.NO_CLIENT_CERT);
    assertThat(config.tls().sslOptions().getEnabledSecureTransportProtocols())
        .containsExactly("TLSv1.2", "TLSv1.3");
  }

  @Test
  void anEmptyFileOrSectionServesPlainHttp() throws IOException {
    assertThat(load("").tls()).isNull();
    assertThat(load("tls_server_config: {}\n").tls()).isNull();
    assertThat(load("basic_auth_users:\n  a: " + HASH + "\n").tls()).isNull();
  }

  @Test
  void theFingerprintChangesWithAnyWatchedFile() throws IOException {
    WebConfig config =
        load("tls_server_config:\n  cert_file: tls/server.crt\n  key_file: tls/server.key\n");
    assertThat(WebConfig.fingerprint(config.watched())).isEqualTo(config.fingerprint());
    Files.writeString(dir.resolve("tls/server.key"), "\n", java.nio.file.StandardOpenOption.APPEND);
    assertThat(WebConfig.fingerprint(config.watched())).isNotEqualTo(config.fingerprint());
  }

  @Test
  void everyErrorNamesTheFileAndTheKey() {
    String tls = "tls_server_config:\n  cert_file: tls/server.crt\n  key_file: tls/server.key\n";
    assertError(
        "basic_auth_users:\n  prometheus: secret\n",
        "basic_auth_users.prometheus: not a bcrypt hash");
    assertError(
        "basic_auth_users:\n  prometheus: " + HASH.replace("$10$", "$99$") + "\n",
        "basic_auth_users.prometheus: not a bcrypt hash");
    assertError(
        "basic_auth_users:\n  \"a:b\": " + HASH + "\n",
        "basic_auth_users.a:b: a user name must be non-empty");
    assertError("basic_auth_users: [a]\n", "basic_auth_users: expected a mapping");
    assertError("basic_auth_users:\n  a: {b: c}\n", "basic_auth_users.a: needs a single value");
    assertError("tls_config: {}\n", "tls_config: unknown key");
    assertError("http_server_config:\n  http2: false\n", "http_server_config: is not supported");
    assertError("- a\n", "expected a mapping of keys at the top");
    assertError(
        "tls_server_config:\n  cert_file: tls/server.crt\n",
        "tls_server_config.key_file: required");
    assertError(
        "tls_server_config:\n  key_file: tls/server.key\n",
        "tls_server_config.cert_file: required");
    assertError(tls + "  certfile: x\n", "tls_server_config.certfile: unknown key");
    assertError(tls + "  cipher_suites: x\n", "tls_server_config.cipher_suites: is not supported");
    assertError(
        tls + "  client_auth_type: RequireAnyClientCert\n  client_ca_file: tls/ca.crt\n",
        "tls_server_config.client_auth_type: RequireAnyClientCert (an unverified client certificate) is not supported");
    assertError(
        tls + "  client_auth_type: Sometimes\n",
        "tls_server_config.client_auth_type: must be NoClientCert,");
    assertError(
        tls + "  client_auth_type: RequireAndVerifyClientCert\n",
        "tls_server_config.client_ca_file: required when client_auth_type is RequireAndVerifyClientCert");
    assertError(
        tls + "  client_ca_file: tls/ca.crt\n",
        "tls_server_config.client_ca_file: set, but client_auth_type is NoClientCert");
    assertError(
        tls + "  min_version: TLS11\n",
        "tls_server_config.min_version: must be TLS12 or TLS13, not 'TLS11' (the JDK disables");
    assertError(
        tls + "  max_version: TLS1.3\n", "tls_server_config.max_version: must be TLS12 or TLS13");
    assertError(
        tls + "  min_version: TLS13\n  max_version: TLS12\n",
        "tls_server_config.max_version: TLS12 is below min_version TLS13");
    assertError(
        "tls_server_config:\n  cert_file: tls/missing.crt\n  key_file: tls/server.key\n",
        "tls_server_config.cert_file: cannot read " + dir.resolve("tls/missing.crt"));
    assertError(
        "tls_server_config:\n  cert_file: tls/server.key\n  key_file: tls/server.key\n",
        "tls_server_config.cert_file: "
            + dir.resolve("tls/server.key")
            + " holds no PEM CERTIFICATE");
    assertError(
        "tls_server_config:\n  cert_file: tls/server.crt\n  key_file: tls/server.crt\n",
        "tls_server_config.key_file: "
            + dir.resolve("tls/server.crt")
            + " holds no PEM PRIVATE KEY");
    assertError(
        "tls_server_config:\n  cert_file: tls/server.crt\n  key_file: tls/client.key\n",
        "tls_server_config.key_file: the private key does not match the certificate in cert_file");
    assertError(
        "tls_server_config:\n  cert_file: tls/server.crt\n  key_file: tls/garbage.key\n",
        "tls_server_config.key_file: cannot read the private key");
    assertError(
        "tls_server_config:\n  cert_file: tls/garbage.crt\n  key_file: tls/server.key\n",
        "tls_server_config.cert_file: "
            + dir.resolve("tls/garbage.crt")
            + " holds a certificate the JDK cannot read");
  }

  @BeforeEach
  void garbage() throws IOException {
    Files.createDirectories(dir.resolve("tls"));
    Files.writeString(
        dir.resolve("tls/garbage.crt"),
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    Files.writeString(
        dir.resolve("tls/garbage.key"),
        "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nope.yml");
    assertThatThrownBy(() -> WebConfig.load(missing))
        .hasMessageStartingWith(missing + ": cannot read:");
  }

  @Test
  void aKeyGivenTwiceIsInvalidNamingItsLine() {
    assertError(
        "basic_auth_users:\n  a: " + HASH + "\n  a: " + HASH + "\n", "line 3: Duplicate field 'a'");
    assertError(
        "basic_auth_users:\n  a: " + HASH + "\ntls_server_config: {}\nbasic_auth_users: {}\n",
        "line 4: Duplicate field 'basic_auth_users'");
    assertError(
        "tls_server_config:\n  cert_file: tls/server.crt\n  key_file: tls/server.key\n"
            + "  min_version: TLS13\n  min_version: TLS12\n",
        "line 5: Duplicate field 'min_version'");
  }

  @Test
  void anExpiredCertificateLoadsWithItsNotAfter() throws IOException {
    Pki pki = new Pki(dir.resolve("tls"));
    pki.serverCertValid("20200101000000Z", "20210203040506Z");
    WebConfig config =
        load(
            "tls_server_config:\n  cert_file: tls/expired-server.crt\n"
                + "  key_file: tls/expired-server.key\n");
    assertThat(config.tls().notAfter()).isEqualTo(java.time.Instant.parse("2021-02-03T04:05:06Z"));
  }

  private void assertError(String yaml, String message) {
    assertThatThrownBy(() -> load(yaml))
        .as(yaml)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file + ": " + message);
  }
}
