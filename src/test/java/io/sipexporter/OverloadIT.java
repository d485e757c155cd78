package io.sipexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.e2e.Exporter;
import io.sipexporter.e2e.Jar;
import io.sipexporter.e2e.Ports;
import io.sipexporter.e2e.RunningProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
  private static final int SENT = 400_000;

  @TempDir Path dir;

  @Test
  void everyDatagramIsCountedOrShownAsDroppedWhileScrapesStayFast() throws Exception {
    int sip = Ports.freeUdpAndTcp();
    int web = Ports.freeUdpAndTcp();
    String metrics = "http://127.0.0.1:" + web + "/metrics";
    try (Exporter exporter =
        Exporter.start(
            dir,
            sip,
            web,
            List.of("--sip.event-loops=1", "--sip.udp-receive-buffer-bytes=65536"))) {
      AtomicLong slowest = new AtomicLong();
      Thread scraper = new Thread(() -> scrapeUntilInterrupted(metrics, slowest));
      scraper.start();
      String report;
      try (RunningProcess load =
          Jar.args(
                  "loadgen",
                  "--target=127.0.0.1:" + sip,
                  "--rate=0",
                  "--count=" + SENT,
                  "--metrics=" + metrics,
                  "--settle=10s")
              .stdoutApart()
              .start("loadgen", dir)) {
        load.awaitExit(Duration.ofMinutes(2)); // fails the test if loadgen has not finished
        report = load.stdout();
      }
      scraper.interrupt();
      scraper.join(10_000);
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
      assertThat(exporter.process().isAlive()).as("the exporter survived").isTrue();
      assertThat(report).contains("sent " + SENT + " SIP datagrams");
      assertThat(dropped).as("the overload shows as kernel drops").isPositive();
      assertThat(counted + dropped).as("counted + dropped = sent").isEqualTo(SENT);
      assertThat(scrape.sum("sip_responses_total"))
          .as("every datagram it read was counted")
          .isEqualTo(counted);
      assertThat(Duration.ofNanos(slowest.get()))
          .as("slowest scrape under load")
          .isLessThan(Duration.ofSeconds(1));
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
}
