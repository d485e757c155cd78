package io.sipexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

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

  private void watch(Path file) {
    WebConfig initial = WebConfig.load(file);
    vertx.runOnContext(
        v ->
            new WebConfigWatcher(
                    vertx,
                    Duration.ofMillis(50),
                    initial,
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
}
