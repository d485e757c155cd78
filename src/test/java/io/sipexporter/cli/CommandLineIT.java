package io.sipexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.Scrape;
import io.sipexporter.e2e.Exporter;
import io.sipexporter.e2e.Jar;
import io.sipexporter.e2e.Ports;
import io.sipexporter.e2e.RunningProcess;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar run as a user runs it: flags, errors, exit codes, and a clean SIGTERM. */
@org.junit.jupiter.api.Timeout(120)
class CommandLineIT {
  @TempDir Path dir;

  @Test
  void helpNamesEveryFlagAndItsEnvironmentVariable() throws Exception {
    Result r = run("--help");
    assertThat(r.exit).isZero();
    assertThat(r.out)
        .contains("--sip.listen-address", "SIP_EXPORTER_SIP_LISTEN_ADDRESS", ":5060")
        .contains("--web.listen-address", "SIP_EXPORTER_WEB_LISTEN_ADDRESS", ":10060")
        .contains("--web.telemetry-path", "--sip.max-message-bytes");
  }

  @Test
  void versionPrintsVersionAndRevision() throws Exception {
    Result r = run("--version");
    assertThat(r.exit).isZero();
    assertThat(r.out).startsWith("sip-exporter ").contains("revision");
  }

  @Test
  void explainAndCompareRunFromTheJar() throws Exception {
    Result explain = run("explain", "437");
    assertThat(explain.exit).isZero();
    assertThat(explain.out)
        .contains("437", "Unsupported Credential")
        .containsIgnoringCase("certificate");
    Result compare = run("compare", "200", "437", "--format", "json");
    assertThat(compare.exit).isZero();
    assertThat(compare.out)
        .containsPattern("\"code\"\\s*:\\s*200")
        .containsPattern("\"code\"\\s*:\\s*437");
    Result bad = run("explain", "700");
    assertThat(bad.exit).isEqualTo(2);
    assertThat(bad.err.strip().lines().count()).as("one line: %s", bad.err).isEqualTo(1);
    assertThat(bad.err).contains("700");
  }

  @Test
  void unknownFlagExitsWithOneLineNamingIt() throws Exception {
    Result r = run("--sip.listen-adress=:5060");
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err.lines().findFirst().orElse("")).contains("--sip.listen-adress");
  }

  @Test
  void malformedAddressExitsNamingTheFlagAndValue() throws Exception {
    Result r = run("--web.listen-address=localhost:99999");
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err.lines().findFirst().orElse(""))
        .contains("--web.listen-address", "99999", "0 to 65535");
  }

  @Test
  void addressInUseExitsNamingTheListener() throws Exception {
    try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Result r =
          run(
              "--sip.listen-address=127.0.0.1:" + port,
              "--hep.listen-address=127.0.0.1:0",
              "--web.listen-address=127.0.0.1:0");
      assertThat(r.exit).isEqualTo(1);
      assertThat(r.err).contains("cannot start SIP listener on 127.0.0.1:" + port);
    }
  }

  @Test
  void servesMetricsAndLandingPageThenStopsOnSigterm() throws Exception {
    int sipPort = Ports.freeUdpAndTcp();
    int webPort = Ports.freeUdpAndTcp();
    Exporter exporter = Exporter.start(dir, sipPort, webPort); // awaits /-/ready
    int exit;
    try {
      String base = "http://127.0.0.1:" + webPort;
      assertThat(get(base + "/-/healthy").statusCode()).isEqualTo(200);
      HttpResponse<String> landing = get(base + "/");
      assertThat(landing.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
      assertThat(landing.body())
          .contains("SIP Exporter", "127.0.0.1:" + sipPort, "href=\"/metrics\"", "href=\"/codes\"");
      HttpResponse<String> code = get(base + "/codes/437");
      assertThat(code.statusCode()).isEqualTo(200);
      assertThat(code.body()).contains("Unsupported Credential");
      HttpResponse<String> api = get(base + "/api/v1/codes/compare/200/437");
      assertThat(api.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/json");
      assertThat(get(base + "/api/v1/codes/99").statusCode()).isEqualTo(404);
      assertThat(
              Scrape.of(base + "/metrics")
                  .value(
                      "sip_response_code_info",
                      "code",
                      "437",
                      "reason",
                      "Unsupported Credential",
                      "class",
                      "4xx"))
          .isEqualTo(1);
      Scrape scrape = Scrape.of(base + "/metrics");
      assertThat(scrape.sum("sip_exporter_build_info")).isEqualTo(1);
      assertThat(scrape.value("sip_requests_total", "method", "INVITE")).isZero();
      assertThat(scrape.sum("jvm_memory_used_bytes")).isPositive();
      HttpResponse<String> om =
          Scrape.CLIENT.send(
              HttpRequest.newBuilder(URI.create(base + "/metrics"))
                  .header("Accept", "application/openmetrics-text; version=1.0.0")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(om.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/openmetrics-text");
      assertThat(om.body()).endsWith("# EOF\n");
      assertThat(get(base + "/nope").statusCode()).isEqualTo(404);
      assertThat(run("healthcheck", "--web.listen-address=127.0.0.1:" + webPort).exit).isZero();
      // the load generator's own check: 3,000 datagrams (they fit in the socket buffer whatever the
      // machine's load), every one counted under its method and code, raw and in HEP
      Result load =
          run(
              "loadgen",
              "--target=127.0.0.1:" + sipPort,
              "--rate=3000",
              "--count=3000",
              "--metrics=" + base + "/metrics");
      assertThat(load.exit).as(load.out + load.err).isZero();
      assertThat(load.out)
          .contains(
              "sent 3000 SIP datagrams",
              "lost 0 ",
              "every response counted under its method and code");
      assertThat(run("healthcheck", "--web.listen-address=127.0.0.1:" + Ports.freeUdpAndTcp()).exit)
          .as("nothing listens there")
          .isEqualTo(1);
    } finally {
      try {
        exporter.process().terminate(); // SIGTERM
        exit = exporter.process().awaitExit(Duration.ofSeconds(20)); // fails if it does not exit
      } finally {
        exporter.close();
      }
    }
    assertThat(exit).as("clean exit on SIGTERM").isZero();
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return Scrape.CLIENT.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Runs the jar to its exit (within 60 s): exit code, stdout, stderr. */
  private Result run(String... args) {
    try (RunningProcess p = Jar.args(args).stdoutApart().start("run", dir)) {
      return new Result(p.awaitExit(Duration.ofSeconds(60)), p.stdout(), p.stderr());
    }
  }

  private record Result(int exit, String out, String err) {}
}
