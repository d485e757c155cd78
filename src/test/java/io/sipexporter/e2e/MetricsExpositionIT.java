package io.sipexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.SipText;
import io.sipexporter.load.Exposition;
import java.io.ByteArrayInputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a scrape of a running exporter, after some SIP, passes the real {@code promtool check
 * metrics}, carries client_java's standard {@code process_*} families, and is gzip-encoded when the
 * scraper asks for it, as Prometheus always does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.Timeout(120)
class MetricsExpositionIT {
  private static final List<String> PROCESS_FAMILIES =
      List.of(
          "process_cpu_seconds_total",
          "process_resident_memory_bytes",
          "process_open_fds",
          "process_max_fds",
          "process_start_time_seconds");

  @TempDir static Path dir;
  private Exporter exporter;

  @BeforeAll
  void startAndFeedSip() throws Exception {
    int sipPort = Ports.freeUdpAndTcp();
    exporter = Exporter.start(dir, sipPort, Ports.freeTcp());
    try (DatagramSocket socket = new DatagramSocket()) {
      InetAddress loopback = InetAddress.getByName("127.0.0.1");
      for (int i = 0; i < 20; i++) {
        String callId = "exposition-" + i;
        for (byte[] msg :
            List.of(
                SipText.request("INVITE", callId, 1, ""),
                SipText.response(100, "Trying", "INVITE", callId, 1),
                SipText.response(i % 4 == 0 ? 486 : 200, "Final", "INVITE", callId, 1),
                SipText.request("OPTIONS", callId, 2, ""),
                SipText.response(200, "OK", "OPTIONS", callId, 2))) {
          socket.send(new DatagramPacket(msg, msg.length, loopback, sipPort));
        }
      }
    }
    Await.until(
        "100 SIP messages counted",
        Duration.ofSeconds(20),
        () -> exporter.scrape().sum("sip_exporter_messages_received_total", Map.of()) >= 100);
  }

  @AfterAll
  void stop() {
    if (exporter != null) {
      exporter.close();
    }
  }

  @Test
  void scrapePassesPromtoolCheckMetrics() throws Exception {
    Path lint = dir.resolve("promtool.txt");
    List<Process> pipeline =
        ProcessBuilder.startPipeline(
            List.of(
                new ProcessBuilder(
                    Tool.CURL.path(), "--silent", "--fail", exporter.url("/metrics")),
                new ProcessBuilder(Tool.PROMTOOL.path(), "check", "metrics")
                    .redirectErrorStream(true)
                    .redirectOutput(lint.toFile())));
    for (Process p : pipeline) {
      p.waitFor();
    }
    String findings = Files.readString(lint);
    assertThat(pipeline.get(0).exitValue()).as("curl").isZero();
    assertThat(pipeline.get(1).exitValue()).as("promtool check metrics: %s", findings).isZero();
  }

  @Test
  void scrapeCarriesTheStandardProcessFamilies() {
    String body = Http.get(exporter.url("/metrics"));
    for (String family : PROCESS_FAMILIES) {
      assertThat(body).as(family).containsPattern("(?m)^" + family + " [0-9.eE+]+$");
    }
    assertThat(body)
        .as("Micrometer's process/system binders are gone")
        .doesNotContain("process_cpu_time_ns_total", "system_cpu_count", "process_uptime_seconds");
    assertThat(exporter.scrape().sum("process_start_time_seconds", Map.of()))
        .isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(300.0));
  }

  @Test
  void metricsAreGzipEncodedWhenAskedAndDecompressToThePlainBody() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<byte[]> plain = get(client, "/metrics", "identity");
    HttpResponse<byte[]> gzip = get(client, "/metrics", "gzip");

    assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
    assertThat(gzip.headers().firstValue("content-encoding")).hasValue("gzip");
    String inflated;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
      inflated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String text = new String(plain.body(), StandardCharsets.UTF_8);
    // no SIP arrives between the two scrapes: the SIP series are equal byte for byte; process and
    // JVM values move, so the rest is compared by series
    assertThat(lines(inflated, true)).isEqualTo(lines(text, true));
    assertThat(lines(inflated, false)).isEqualTo(lines(text, false));
    assertThat(gzip.body().length).isLessThan(plain.body().length / 3);
    System.out.printf(
        "/metrics: %d bytes plain, %d bytes gzip%n", plain.body().length, gzip.body().length);
  }

  /** The sip_* lines as they are ({@code sip} true), or every line without its value. */
  private static List<String> lines(String exposition, boolean sip) {
    return exposition
        .lines()
        .filter(l -> sip == l.startsWith("sip_"))
        .map(l -> sip || l.startsWith("#") ? l : series(l))
        .sorted()
        .collect(Collectors.toList());
  }

  /** A sample line's series, its name and labels: the value moves between scrapes. */
  private static String series(String line) {
    Exposition.Sample sample = Exposition.parseSample(line);
    return sample.name() + sample.labels();
  }

  private HttpResponse<byte[]> get(HttpClient client, String path, String encoding)
      throws Exception {
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(URI.create(exporter.url(path)))
                .header("Accept-Encoding", encoding)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return response;
  }
}
