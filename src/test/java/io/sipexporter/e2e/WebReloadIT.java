package io.sipexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.sipexporter.Scrape;
import io.sipexporter.load.Exposition.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The exporter jar reloading its {@code --web.config.file} (issue 12): an emptied or comment-only
 * file, as a truncating editor leaves it for a moment, keeps basic auth on, seen by a real curl;
 * and a certificate past its notAfter, made by openssl, is loaded loudly with its expiry exposed.
 */
@Timeout(180)
class WebReloadIT {
  private static final String PASSWORD = "s3cret scrape password";

  private static RunningProcess start(Path dir, Path webConfig, int port, String scheme) {
    return Exporter.startJar(dir, port, scheme, List.of("--web.config.file=" + webConfig));
  }

  /** The sample's value, or NaN when the scrape failed or lacks it (for polling). */
  private static double polled(Curl.Result metrics, String name) {
    if (metrics.status() != 200) {
      return Double.NaN;
    }
    List<Sample> found = Scrape.parse(metrics.body()).named(name);
    return found.size() == 1 ? found.get(0).value() : Double.NaN;
  }

  private static double sample(Curl.Result metrics, String name) {
    List<Sample> found = Scrape.parse(metrics.body()).named(name);
    assertThat(found).as("%s in %s", name, metrics).hasSize(1);
    assertThat(found.get(0).labels()).isEqualTo(Map.of("config", "web"));
    return found.get(0).value();
  }

  @Test
  void anEmptiedOrCommentOnlyWebConfigKeepsBasicAuthOnAndSaysSo() throws IOException {
    Path dir = TestDirs.fresh("WebReloadIT-emptied");
    String hash =
        new String(
            BCrypt.with(BCrypt.Version.VERSION_2Y).hash(10, PASSWORD.toCharArray()),
            StandardCharsets.US_ASCII);
    String users = "basic_auth_users:\n  prometheus: " + hash + "\n";
    Path config = Files.writeString(dir.resolve("web.yml"), users);
    int port = Ports.freeTcp();
    String metrics = "http://127.0.0.1:" + port + "/metrics";
    Path curls = dir.resolve("curl");
    String[] credentials = {"--user", "prometheus:" + PASSWORD};
    try (RunningProcess exporter = start(dir, config, port, "http")) {
      assertThat(Curl.get(curls, metrics).status()).as("no credentials").isEqualTo(401);
      Curl.Result ok = Curl.get(curls, metrics, credentials);
      assertThat(ok.status()).as("%s", ok).isEqualTo(200);
      assertThat(sample(ok, "sip_exporter_config_last_reload_successful")).isEqualTo(1);
      assertThat(sample(ok, "sip_exporter_config_last_reload_success_timestamp_seconds"))
          .isPositive();

      int rejections = 0;
      for (String weakening : new String[] {"", "# basic_auth_users: being rewritten\n"}) {
        double lastGood =
            sample(
                Curl.get(curls, metrics, credentials),
                "sip_exporter_config_last_reload_success_timestamp_seconds");
        Files.writeString(config, weakening); // truncated in place, as an editor does
        int before = rejections;
        Await.until(
            "the reload of '" + weakening.strip() + "' is rejected with an ERROR",
            Duration.ofSeconds(30),
            () -> errors(exporter) > before,
            exporter::logTail);
        rejections = errors(exporter);
        assertThat(exporter.logText())
            .contains(
                "ERROR ConfigReloader - web config not reloaded, keeping the running one: "
                    + config
                    + ": basic_auth_users: no users, where the running config has 1")
            .doesNotContain("reloaded: TLS off, 0 basic-auth user(s)");
        Curl.Result anonymous = Curl.get(curls, metrics);
        assertThat(anonymous.status()).as("no credentials: %s", anonymous).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("sip_exporter_build_info");
        Curl.Result scrape = Curl.get(curls, metrics, credentials);
        assertThat(scrape.status()).as("%s", scrape).isEqualTo(200);
        assertThat(sample(scrape, "sip_exporter_config_last_reload_successful")).isZero();
        assertThat(sample(scrape, "sip_exporter_config_last_reload_success_timestamp_seconds"))
            .isEqualTo(lastGood);

        // the file written back in full
        Files.writeString(config, users + "  grafana: " + hash + "\n");
        Await.until(
            "the complete file is reloaded",
            Duration.ofSeconds(30),
            () ->
                polled(
                        Curl.get(curls, metrics, "--user", "grafana:" + PASSWORD),
                        "sip_exporter_config_last_reload_successful")
                    == 1,
            exporter::logTail);
        Files.writeString(config, users);
        Await.until(
            "grafana removed again",
            Duration.ofSeconds(30),
            () -> Curl.get(curls, metrics, "--user", "grafana:" + PASSWORD).status() == 401,
            exporter::logTail);
      }
    }
  }

  private static int errors(RunningProcess exporter) {
    return (int) exporter.logText().lines().filter(l -> l.contains("ERROR ConfigReloader")).count();
  }

  @Test
  void anExpiredCertificateLoadsWithAWarningNamingFileAndDateAndItsExpiryIsExposed()
      throws IOException {
    Path dir = TestDirs.fresh("WebReloadIT-expired");
    Pki pki = Pki.create(dir.resolve("pki"));
    String notAfter = "20200102030405Z";
    Path expired = pki.serverCertValid("20200101000000Z", notAfter);
    Path config =
        Files.writeString(
            dir.resolve("web.yml"),
            "tls_server_config:\n  cert_file: pki/expired-server.crt\n  key_file: pki/expired-server.key\n");
    Instant expiry =
        DateTimeFormatter.ofPattern("yyyyMMddHHmmssX")
            .withZone(ZoneOffset.UTC)
            .parse(notAfter, Instant::from);
    int port = Ports.freeTcp();
    try (RunningProcess exporter = start(dir, config, port, "https")) {
      assertThat(exporter.logText())
          .contains(
              "WARN  TlsServerConfig - "
                  + config
                  + ": tls_server_config.cert_file "
                  + expired
                  + " expired on "
                  + expiry);
      Path curls = dir.resolve("curl");
      String metrics = "https://127.0.0.1:" + port + "/metrics";
      Curl.Result verifying = Curl.get(curls, metrics, "--cacert", pki.ca().toString());
      assertThat(verifying.exit()).as("curl verifying the certificate: %s", verifying).isNotZero();
      assertThat(verifying.stderr()).containsIgnoringCase("expired");

      Curl.Result scrape = Curl.get(curls, metrics, "--insecure");
      assertThat(scrape.status()).as("%s", scrape).isEqualTo(200);
      assertThat(sample(scrape, "sip_exporter_tls_certificate_expiry_timestamp_seconds"))
          .isEqualTo((double) expiry.getEpochSecond());

      // renewed in place: the gauge follows the certificate in use
      Files.copy(
          pki.serverKey(),
          pki.dir().resolve("expired-server.key"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(pki.serverCert(), expired, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Instant renewed = Instant.now().plus(Duration.ofDays(1));
      Await.until(
          "the renewed certificate's expiry is exposed",
          Duration.ofSeconds(30),
          () ->
              polled(
                      Curl.get(curls, metrics, "--insecure"),
                      "sip_exporter_tls_certificate_expiry_timestamp_seconds")
                  > renewed.getEpochSecond(),
          exporter::logTail);
      assertThat(Curl.get(curls, metrics, "--cacert", pki.ca().toString()).status())
          .as("the renewed certificate verifies")
          .isEqualTo(200);
    }
  }
}
