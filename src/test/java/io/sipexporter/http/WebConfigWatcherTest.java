package io.sipexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sipexporter.config.ConfigReloader;
import io.sipexporter.e2e.Await;
import io.sipexporter.e2e.Pki;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebConfigWatcherTest {
  private static final String HASH_A =
      "$2y$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

  @TempDir Path dir;
  private final Vertx vertx =
      Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
  private final BlockingQueue<WebConfig> applied = new LinkedBlockingQueue<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double reloadSuccessful() {
    return registry
        .get("sip.exporter.config.last.reload.successful")
        .tag("config", "web")
        .gauge()
        .value();
  }

  private void watch(Path file) {
    ConfigReloader<WebConfig> reloader = WebConfigWatcher.reloader(WebConfig.load(file), registry);
    vertx.runOnContext(
        v ->
            new WebConfigWatcher(
                    vertx,
                    Duration.ofMillis(50),
                    reloader,
                    next -> {
                      applied.add(next);
                      return Future.succeededFuture();
                    })
                .start());
  }

  @Test
  void appliesAChangedFileAndKeepsTheRunningOneWhileItIsBroken() throws Exception {
    Path file = dir.resolve("web.yml");
    Files.writeString(file, "basic_auth_users:\n  a: " + HASH_A + "\n");
    watch(file);

    Files.writeString(file, "basic_auth_users:\n  a: " + HASH_A + "\n  b: " + HASH_A + "\n");
    assertThat(applied.poll(10, TimeUnit.SECONDS).users()).containsOnlyKeys("a", "b");

    Files.writeString(file, "basic_auth_users:\n  c: plain-text-password\n");
    assertThat(applied.poll(500, TimeUnit.MILLISECONDS))
        .as("a broken file is not applied")
        .isNull();

    Files.writeString(file, "basic_auth_users:\n  c: " + HASH_A + "\n");
    assertThat(applied.poll(10, TimeUnit.SECONDS).users()).containsOnlyKeys("c");
    assertThat(applied.poll(300, TimeUnit.MILLISECONDS))
        .as("unchanged files are not applied again")
        .isNull();
  }

  @Test
  void renewedCertificateFilesAloneReload() throws IOException, InterruptedException {
    Pki pki = Pki.create(dir.resolve("pki"));
    Path file = dir.resolve("web.yml");
    Files.writeString(
        file, "tls_server_config:\n  cert_file: pki/server.crt\n  key_file: pki/server.key\n");
    watch(file);

    // a renewal writes key and certificate one after the other: the half-written pair is refused
    byte[] renewed = Files.readAllBytes(pki.otherClientCert());
    Files.copy(pki.otherClientKey(), pki.serverKey(), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(pki.otherClientCert(), pki.serverCert(), StandardCopyOption.REPLACE_EXISTING);
    WebConfig next = applied.poll(10, TimeUnit.SECONDS);
    assertThat(next).isNotNull();
    assertThat(next.tls().cert()).isEqualTo(renewed);
  }

  @Test
  void anEmptiedOrCommentOnlyFileIsRejectedAndTheUsersStay() throws Exception {
    Path file = dir.resolve("web.yml");
    Files.writeString(file, "basic_auth_users:\n  a: " + HASH_A + "\n");
    watch(file);
    assertThat(reloadSuccessful()).isEqualTo(1);

    for (String weakening : new String[] {"", "# rewritten by config management\n"}) {
      Files.writeString(file, weakening);
      Await.until(
          "the reload of '" + weakening + "' is rejected",
          Duration.ofSeconds(10),
          () -> reloadSuccessful() == 0,
          () -> "applied: " + applied);
      assertThat(applied).as("a file without users is not applied").isEmpty();

      // the running file back: the failure no longer stands
      Files.writeString(file, "basic_auth_users:\n  a: " + HASH_A + "\n");
      Await.until(
          "back to the running config",
          Duration.ofSeconds(10),
          () -> reloadSuccessful() == 1,
          () -> "applied: " + applied);
    }
    Files.writeString(file, "basic_auth_users:\n  b: " + HASH_A + "\n");
    assertThat(applied.poll(10, TimeUnit.SECONDS).users()).containsOnlyKeys("b");
  }

  @Test
  void turningTlsOffIsRejected() throws Exception {
    Pki.create(dir.resolve("pki"));
    Path file = dir.resolve("web.yml");
    Files.writeString(
        file, "tls_server_config:\n  cert_file: pki/server.crt\n  key_file: pki/server.key\n");
    watch(file);
    Files.writeString(file, "tls_server_config: {}\n");
    Await.until(
        "the reload is rejected", Duration.ofSeconds(10), () -> reloadSuccessful() == 0, () -> "");
    assertThat(applied).isEmpty();
  }
}
