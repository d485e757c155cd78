package io.sipexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The exporter jar with a {@code --web.config.file} (TLS 1.3, client certificates, bcrypt basic
 * auth), against real clients: curl, and a Prometheus scraping with {@code basic_auth} and {@code
 * tls_config}. Certificates come from openssl in the test directory.
 */
@Timeout(180)
class SecuredWebIT {
  private static final String PASSWORD = "s3cret scrape password";

  private static String bcrypt(BCrypt.Version version, String password) {
    return new String(
        BCrypt.with(version).hash(10, password.toCharArray()), StandardCharsets.US_ASCII);
  }

  /** A web config naming the PEM files relative to itself, as the README shows. */
  private static Path writeWebConfig(Path dir, String clientAuth, String users) throws IOException {
    Path file = dir.resolve("web.yml");
    String tmp =
        String.join(
            "\n",
            "tls_server_config:",
            "  cert_file: pki/server.crt",
            "  key_file: pki/server.key",
            "  client_auth_type: " + clientAuth,
            clientAuth.equals("NoClientCert") ? "" : "  client_ca_file: pki/ca.crt",
            "  min_version: TLS13",
            "basic_auth_users:",
            users,
            "");
    Path next = dir.resolve("web.yml.tmp");
    Files.writeString(next, tmp);
    Files.move(
        next,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  private static RunningProcess startExporter(Path dir, Path webConfig, int webPort) {
    return Exporter.startJar(dir, webPort, "https", List.of("--web.config.file=" + webConfig));
  }

  /**
   * Runs the jar's {@code healthcheck} (the Dockerfile's HEALTHCHECK); its output is in name.log.
   */
  private static int healthcheck(Path dir, String name, int webPort, Path webConfig) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("healthcheck", "--web.listen-address=127.0.0.1:" + webPort));
    if (webConfig != null) {
      args.add("--web.config.file=" + webConfig);
    }
    return Jar.args(args).run(name, dir, Duration.ofSeconds(30));
  }

  /** Probes as Docker does: healthy at the first of {@code retries} probes that succeeds. */
  private static int healthcheckWithRetries(
      Path dir, String name, int webPort, Path webConfig, int retries) {
    int exit = -1;
    for (int attempt = 1; attempt <= retries && exit != 0; attempt++) {
      exit = healthcheck(dir, name + "-" + attempt, webPort, webConfig);
    }
    return exit;
  }

  @Test
  void healthcheckFollowsTheWebConfigSoTheContainerHealthcheckSurvivesTlsAndBasicAuth()
      throws IOException {
    Path dir = TestDirs.fresh("SecuredWebIT-healthcheck");
    Pki.create(dir.resolve("pki"));
    String users = "  prometheus: " + bcrypt(BCrypt.Version.VERSION_2Y, PASSWORD);
    Path config = writeWebConfig(dir, "VerifyClientCertIfGiven", users);
    int port = Ports.freeTcp();
    try (RunningProcess exporter = startExporter(dir, config, port)) {
      // HTTPS without a client certificate; the 401 of basic auth is the exporter answering.
      // Docker calls a container unhealthy after --retries=3 failed probes in a row, so one probe
      // a loaded machine times out (a cold JVM's first TLS handshake) is not a failure either
      assertThat(healthcheckWithRetries(dir, "with-config", port, config, 3)).isZero();
      // without the config the probe speaks plain HTTP to a TLS port
      assertThat(healthcheck(dir, "without-config", port, null)).isEqualTo(1);
      assertThat(Files.readString(dir.resolve("without-config.log")))
          .contains("healthcheck: http://127.0.0.1:" + port + "/-/healthy");
    }
    // nothing listens any more: unhealthy, whatever the config says
    assertThat(healthcheck(dir, "stopped", port, config)).isEqualTo(1);

    Path strict = writeWebConfig(dir, "RequireAndVerifyClientCert", users);
    assertThat(healthcheck(dir, "client-cert-required", port, strict)).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("client-cert-required.log")))
        .contains("requires a client certificate", "VerifyClientCertIfGiven");
  }

  @Test
  void curlIsServedOnlyOverTlsWithTheRightPasswordAndClientCertificateAndSeesReloads()
      throws IOException {
    Path dir = TestDirs.fresh("SecuredWebIT-curl");
    Pki pki = Pki.create(dir.resolve("pki"));
    Path config =
        writeWebConfig(
            dir,
            "RequireAndVerifyClientCert",
            "  prometheus: " + bcrypt(BCrypt.Version.VERSION_2Y, PASSWORD));
    int port = Ports.freeTcp();
    String https = "https://127.0.0.1:" + port;
    String[] tls = {
      "--cacert",
      pki.ca().toString(),
      "--cert",
      pki.clientCert().toString(),
      "--key",
      pki.clientKey().toString()
    };
    Path curls = dir.resolve("curl");
    try (RunningProcess exporter = startExporter(dir, config, port)) {
      Curl.Result ok =
          Curl.get(curls, https + "/metrics", concat(tls, "--user", "prometheus:" + PASSWORD));
      assertThat(ok.status()).as("%s", ok).isEqualTo(200);
      assertThat(ok.body()).contains("sip_exporter_build_info");

      Curl.Result wrong =
          Curl.get(curls, https + "/metrics", concat(tls, "--user", "prometheus:wrong"));
      assertThat(wrong.status()).as("%s", wrong).isEqualTo(401);
      assertThat(wrong.headers())
          .containsIgnoringCase("WWW-Authenticate: Basic realm=\"sip-exporter\"");
      assertThat(wrong.body()).doesNotContain("sip_exporter_build_info");
      assertThat(
              Curl.get(curls, https + "/metrics", concat(tls, "--user", "nobody:" + PASSWORD))
                  .status())
          .isEqualTo(401);
      assertThat(Curl.get(curls, https + "/metrics", tls).status())
          .as("no credentials")
          .isEqualTo(401);
      assertThat(Curl.get(curls, https + "/-/healthy", tls).status())
          .as("every path is protected")
          .isEqualTo(401);

      Curl.Result plain =
          Curl.get(
              curls, "http://127.0.0.1:" + port + "/metrics", "--user", "prometheus:" + PASSWORD);
      assertThat(plain.exit()).as("plain HTTP to the TLS port: %s", plain).isNotZero();
      assertThat(plain.status()).isZero();

      Curl.Result noClientCert =
          Curl.get(
              curls,
              https + "/metrics",
              "--cacert",
              pki.ca().toString(),
              "--user",
              "prometheus:" + PASSWORD);
      assertThat(noClientCert.exit()).as("no client certificate: %s", noClientCert).isNotZero();
      assertThat(noClientCert.status()).isZero();

      Curl.Result untrusted =
          Curl.get(
              curls,
              https + "/metrics",
              "--cacert",
              pki.ca().toString(),
              "--cert",
              pki.otherClientCert().toString(),
              "--key",
              pki.otherClientKey().toString(),
              "--user",
              "prometheus:" + PASSWORD);
      assertThat(untrusted.exit())
          .as("client certificate from an unknown CA: %s", untrusted)
          .isNotZero();
      assertThat(untrusted.status()).isZero();

      Curl.Result tls12 =
          Curl.get(
              curls,
              https + "/metrics",
              concat(tls, "--tls-max", "1.2", "--user", "prometheus:" + PASSWORD));
      assertThat(tls12.exit()).as("TLS 1.2 below min_version TLS13: %s", tls12).isNotZero();

      // reload: a second user ($2b$, as python's bcrypt makes)
      writeWebConfig(
          dir,
          "RequireAndVerifyClientCert",
          String.join(
              "\n",
              "  prometheus: " + bcrypt(BCrypt.Version.VERSION_2Y, PASSWORD),
              "  grafana: " + bcrypt(BCrypt.Version.VERSION_2B, "other password")));
      Await.until(
          "the reloaded config serves the new user",
          Duration.ofSeconds(30),
          () ->
              Curl.get(curls, https + "/metrics", concat(tls, "--user", "grafana:other password"))
                      .status()
                  == 200,
          exporter::logTail);
      assertThat(exporter.logText()).contains("reloaded: TLS on, 2 basic-auth user(s)");

      // client certificates no longer asked: a downgrade, refused until a restart (issue 12)
      writeWebConfig(
          dir, "NoClientCert", "  grafana: " + bcrypt(BCrypt.Version.VERSION_2B, "other password"));
      Await.until(
          "the downgrade is refused",
          Duration.ofSeconds(30),
          () ->
              exporter
                  .logText()
                  .contains(
                      "client_auth_type: lowered from RequireAndVerifyClientCert to NoClientCert"),
          exporter::logTail);
      assertThat(
              Curl.get(
                      curls,
                      https + "/metrics",
                      "--cacert",
                      pki.ca().toString(),
                      "--user",
                      "grafana:other password")
                  .exit())
          .as("still no answer without a client certificate")
          .isNotZero();

      // a broken file is logged and the running config kept
      Files.writeString(config, "basic_auth_users:\n  grafana: plain-text\n");
      Await.until(
          "the broken config is logged",
          Duration.ofSeconds(30),
          () -> exporter.logText().contains("basic_auth_users.grafana: not a bcrypt hash"),
          exporter::logTail);
      assertThat(
              Curl.get(curls, https + "/metrics", concat(tls, "--user", "grafana:other password"))
                  .status())
          .isEqualTo(200);
    }
  }

  @Test
  void prometheusScrapesWithBasicAuthAndTlsConfigAndSeesA401ForAWrongPassword() throws IOException {
    Path dir = TestDirs.fresh("SecuredWebIT-prometheus");
    Pki pki = Pki.create(dir.resolve("pki"));
    Path config =
        writeWebConfig(
            dir,
            "RequireAndVerifyClientCert",
            "  prometheus: " + bcrypt(BCrypt.Version.VERSION_2Y, PASSWORD));
    int port = Ports.freeTcp();
    String target = "127.0.0.1:" + port;
    try (RunningProcess exporter = startExporter(dir, config, port);
        Prometheus prometheus =
            Prometheus.start(
                dir.resolve("prometheus"),
                Ports.freeTcp(),
                Prometheus.scrapeEverySecond(
                    scrapeJob("secured", target, pki, PASSWORD),
                    scrapeJob("wrong-password", target, pki, "wrong")))) {
      Await.until(
          "up is 1 for the job with the right password",
          Duration.ofSeconds(60),
          () -> up(prometheus, "secured").equals("1"),
          prometheus::logTail);
      // a scrape a loaded machine times out is down too, with another error: wait for the 401
      Await.until(
          "the wrong-password job's last scrape has failed with a 401",
          Duration.ofSeconds(60),
          () -> prometheus.target("wrong-password").path("lastError").asText().contains("401"),
          prometheus::logTail);
      assertThat(up(prometheus, "wrong-password")).isEqualTo("0");
      assertThat(prometheus.query("sip_exporter_build_info{job=\"secured\"}")).hasSize(1);
      assertThat(exporter.isAlive()).isTrue();
    }
  }

  @Test
  void aBrokenWebConfigStopsStartupWithOneLineNamingTheKey() throws IOException {
    Path dir = TestDirs.fresh("SecuredWebIT-broken");
    Pki.create(dir.resolve("pki"));
    Path config =
        writeWebConfig(
            dir,
            "RequireAnyClientCert",
            "  prometheus: " + bcrypt(BCrypt.Version.VERSION_2Y, PASSWORD));
    try (RunningProcess exporter =
        Jar.args("--web.listen-address=127.0.0.1:0", "--web.config.file=" + config)
            .start("exporter", dir)) {
      assertThat(exporter.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
      assertThat(exporter.logText().lines().skip(1).toList()) // the first line is the command
          .containsExactly(
              "sip-exporter: --web.config.file "
                  + config
                  + ": tls_server_config.client_auth_type:"
                  + " RequireAnyClientCert (an unverified client certificate) is not supported: use"
                  + " RequireAndVerifyClientCert or VerifyClientCertIfGiven with a client_ca_file");
    }
  }

  private static String scrapeJob(String job, String target, Pki pki, String password) {
    return String.join(
        "\n",
        "  - job_name: " + job,
        "    scheme: https",
        "    tls_config:",
        "      ca_file: " + pki.ca(),
        "      cert_file: " + pki.clientCert(),
        "      key_file: " + pki.clientKey(),
        "    basic_auth:",
        "      username: prometheus",
        "      password: '" + password + "'",
        "    static_configs:",
        "      - targets: ['" + target + "']");
  }

  private static String up(Prometheus prometheus, String job) {
    JsonNode up = prometheus.query("up{job=\"" + job + "\"}");
    return up.size() == 1 ? up.get(0).path("value").get(1).asText() : "";
  }

  private static String[] concat(String[] first, String... rest) {
    String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }
}
