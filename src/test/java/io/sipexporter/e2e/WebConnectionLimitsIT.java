package io.sipexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.Scrape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The exporter jar's web port under idle partial requests over real sockets (issue 12): the partial
 * request is closed by {@code --web.read-header-timeout}, connections beyond {@code
 * --web.max-connections} evict idle ones, {@code /metrics} keeps answering curl, the process's open
 * files stay bounded, and both limits are counted.
 */
@Timeout(180)
class WebConnectionLimitsIT {
  private static final int CAP = 8;
  private static final int ATTACK = 300;
  private static final String PARTIAL = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";

  private static long openFiles(RunningProcess process) {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
      return fds.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Socket partial(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.getOutputStream().write(PARTIAL.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  /** True when the server closed (EOF or reset) the socket within {@code wait}. */
  private static boolean closedByServer(Socket socket, Duration wait) throws IOException {
    socket.setSoTimeout((int) wait.toMillis());
    InputStream in = socket.getInputStream();
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // connection reset
    }
  }

  private static RunningProcess start(Path dir, int port, String timeout) {
    return Exporter.startJar(
        dir,
        port,
        "http",
        List.of("--web.max-connections=" + CAP, "--web.read-header-timeout=" + timeout));
  }

  private static double limitReached(Path curls, String metrics, String limit) {
    return Scrape.parse(Curl.get(curls, metrics).body())
        .sum("sip_exporter_limits_reached_total", Map.of("input", "web", "limit", limit));
  }

  @Test
  void aPartialRequestIsClosedByTheHeaderTimeoutWhileMetricsAnswers() throws Exception {
    Path dir = TestDirs.fresh("WebConnectionLimitsIT-timeout");
    int port = Ports.freeTcp();
    String metrics = "http://127.0.0.1:" + port + "/metrics";
    Path curls = dir.resolve("curl");
    try (RunningProcess exporter = start(dir, port, "1s")) {
      long opened = System.nanoTime();
      Socket slow = partial(port);
      assertThat(Curl.get(curls, metrics).status())
          .as("/metrics while a partial request is open")
          .isEqualTo(200);
      assertThat(closedByServer(slow, Duration.ofSeconds(5)))
          .as("a request whose headers never complete is closed (before: open for minutes)")
          .isTrue();
      System.out.printf(
          "WebConnectionLimitsIT: partial request seen closed %d ms after it opened (timeout 1s)%n",
          (System.nanoTime() - opened) / 1_000_000);
      slow.close();
      assertThat(limitReached(curls, metrics, "web_read_header_timeout")).isEqualTo(1);
      assertThat(limitReached(curls, metrics, "web_max_connections")).isZero();
    }
  }

  @Test
  void idleConnectionsBeyondTheCapAreEvictedWhileMetricsKeepsAnswering() throws Exception {
    Path dir = TestDirs.fresh("WebConnectionLimitsIT-cap");
    int port = Ports.freeTcp();
    String metrics = "http://127.0.0.1:" + port + "/metrics";
    Path curls = dir.resolve("curl");
    List<Socket> held = new ArrayList<>();
    // the header timeout (30 s) is far beyond this test's waits: what closes them here is the cap
    try (RunningProcess exporter = start(dir, port, "30s")) {
      assertThat(Curl.get(curls, metrics).status()).isEqualTo(200);
      long baseline = openFiles(exporter);
      long peak = 0;
      int scrapes = 0;
      for (int i = 0; i < ATTACK; i++) {
        held.add(partial(port));
        if (i % 50 == 49) {
          peak = Math.max(peak, openFiles(exporter));
          Curl.Result scrape = Curl.get(curls, metrics);
          assertThat(scrape.status())
              .as("/metrics with %d idle partial requests open: %s", i + 1, scrape)
              .isEqualTo(200);
          scrapes++;
        }
      }
      Await.until(
          "the exporter's open files settle at the cap while the client holds every socket",
          Duration.ofSeconds(5),
          () -> openFiles(exporter) <= baseline + CAP,
          () -> "open files " + openFiles(exporter) + ", baseline " + baseline);
      long settled = openFiles(exporter);
      System.out.printf(
          "WebConnectionLimitsIT: exporter fds %d before, %d with %d partial requests held by the"
              + " client (cap %d), transient peak %d while connecting; %d scrapes answered%n",
          baseline, settled, held.size(), CAP, peak, scrapes);
      assertThat(limitReached(curls, metrics, "web_max_connections"))
          .as("connections over the cap")
          .isGreaterThanOrEqualTo(ATTACK - CAP);
      assertThat(limitReached(curls, metrics, "web_read_header_timeout")).isZero();
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
