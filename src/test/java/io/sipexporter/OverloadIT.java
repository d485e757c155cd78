package io.sipexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.e2e.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * More UDP than the exporter can take (one event loop, a 64 KiB receive buffer, {@code loadgen}
 * sending as fast as the socket takes datagrams): the exporter keeps running, {@code /metrics}
 * keeps answering within a second, and every datagram is accounted for, counted or shown as a
 * kernel drop in {@code sip_exporter_udp_receive_drops_total}.
 */
@Timeout(180)
class OverloadIT {
  private static final String JAR = System.getProperty("exporter.jar", "target/sip-exporter.jar");
  private static final int SENT = 400_000;

  @TempDir Path dir;

  @Test
  void everyDatagramIsCountedOrShownAsDroppedWhileScrapesStayFast() throws Exception {
    int sip = Ports.freeUdpAndTcp();
    int web = Ports.freeUdpAndTcp();
    String metrics = "http://127.0.0.1:" + web + "/metrics";
    Process exporter =
        java(
            "exporter",
            "--sip.listen-address=127.0.0.1:" + sip,
            "--hep.listen-address=127.0.0.1:0",
            "--web.listen-address=127.0.0.1:" + web,
            "--sip.event-loops=1",
            "--sip.udp-receive-buffer-bytes=65536");
    try {
      awaitScrape(metrics, exporter);
      AtomicLong slowest = new AtomicLong();
      Thread scraper = new Thread(() -> scrapeUntilInterrupted(metrics, slowest));
      scraper.start();
      Process load =
          java(
              "loadgen",
              "loadgen",
              "--target=127.0.0.1:" + sip,
              "--rate=0",
              "--count=" + SENT,
              "--metrics=" + metrics,
              "--settle=10s");
      assertThat(load.waitFor(120, TimeUnit.SECONDS)).as("loadgen finished").isTrue();
      scraper.interrupt();
      scraper.join(10_000);
      String report = Files.readString(dir.resolve("loadgen.out"));
      System.out.print("OverloadIT: " + report);

      Scrape scrape = Scrape.of(metrics);
      double counted =
          scrape.value("sip_exporter_messages_received_total", "input", "sip", "transport", "udp");
      double dropped = scrape.value("sip_exporter_udp_receive_drops_total", "input", "sip");
      System.out.println(
          "OverloadIT: counted "
              + counted
              + ", dropped "
              + dropped
              + ", slowest scrape "
              + slowest.get() / 1_000_000
              + " ms");
      assertThat(exporter.isAlive()).as("the exporter survived").isTrue();
      assertThat(report).contains("sent " + SENT + " SIP datagrams");
      assertThat(dropped).as("the overload shows as kernel drops").isPositive();
      assertThat(counted + dropped).as("counted + dropped = sent").isEqualTo(SENT);
      assertThat(scrape.sum("sip_responses_total"))
          .as("every datagram it read was counted")
          .isEqualTo(counted);
      assertThat(Duration.ofNanos(slowest.get()))
          .as("slowest scrape under load")
          .isLessThan(Duration.ofSeconds(1));
    } finally {
      exporter.destroy();
      exporter.waitFor(20, TimeUnit.SECONDS);
      exporter.destroyForcibly();
    }
  }

  private static void scrapeUntilInterrupted(String metrics, AtomicLong slowest) {
    while (!Thread.currentThread().isInterrupted()) {
      long start = System.nanoTime();
      try {
        Scrape.of(metrics);
      } catch (RuntimeException e) {
        if (!Thread.currentThread().isInterrupted()) {
          slowest.set(Long.MAX_VALUE); // a failed scrape fails the test
        } // else the load is over
        return;
      }
      slowest.accumulateAndGet(System.nanoTime() - start, Math::max);
    }
  }

  private static void awaitScrape(String metrics, Process exporter) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      assertThat(exporter.isAlive()).as("exporter running").isTrue();
      try {
        Scrape.of(metrics);
        return;
      } catch (RuntimeException e) {
        java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L); // poll interval
      }
    }
    throw new AssertionError(metrics + " not up within 30 s");
  }

  private Process java(String name, String... args) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd)
        .redirectOutput(dir.resolve(name + ".out").toFile())
        .redirectError(dir.resolve(name + ".err").toFile())
        .start();
  }
}
