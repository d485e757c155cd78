package io.sipexporter.e2e;

import io.sipexporter.Scrape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shaded exporter jar ({@code -Dexporter.jar}, set by failsafe) run on loopback ports. */
public final class Exporter implements AutoCloseable {
  private final RunningProcess process;
  private final int webPort;

  private Exporter(RunningProcess process, int webPort) {
    this.process = process;
    this.webPort = webPort;
  }

  /**
   * Starts the jar with {@code flags} beside its SIP, HEP (free ports) and web listeners, and
   * returns once it logs that it serves {@code scheme://127.0.0.1:webPort/metrics}: the start for
   * tests of the web server itself (TLS, basic auth, limits), which read its log and its pages.
   */
  public static RunningProcess startJar(Path dir, int webPort, String scheme, List<String> flags) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx128m",
                "-jar",
                jar().toString(),
                "--sip.listen-address=127.0.0.1:" + Ports.freeUdpAndTcp(),
                "--hep.listen-address=127.0.0.1:" + Ports.freeUdpAndTcp(),
                "--web.listen-address=127.0.0.1:" + webPort));
    command.addAll(flags);
    RunningProcess process = RunningProcess.start("exporter", command, dir);
    String metrics = scheme + "://127.0.0.1:" + webPort + "/metrics";
    return process.awaitReady(
        "exporter serving " + metrics,
        RunningProcess.START_DEADLINE,
        () -> process.logText().contains("web " + metrics));
  }

  /** The jar under test; fails if failsafe did not pass it or {@code package} did not build it. */
  public static Path jar() {
    String jar = System.getProperty("exporter.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new AssertionError(
          "exporter jar not found (-Dexporter.jar="
              + jar
              + "): run mvn -B verify, which"
              + " builds target/sip-exporter.jar before the integration tests");
    }
    return Path.of(jar);
  }

  /** Starts the exporter on SIP UDP+TCP {@code sipPort} and web {@code webPort}; awaits ready. */
  public static Exporter start(Path dir, int sipPort, int webPort) {
    return start(dir, sipPort, webPort, List.of());
  }

  /**
   * Starts the exporter with more flags, e.g. {@code --hep.listen-address=127.0.0.1:9060} or {@code
   * --transactions.timeout=2s}; awaits ready.
   */
  public static Exporter start(Path dir, int sipPort, int webPort, List<String> flags) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx128m",
                "-jar",
                jar().toString(),
                "--sip.listen-address=127.0.0.1:" + sipPort,
                "--web.listen-address=127.0.0.1:" + webPort));
    command.addAll(flags);
    if (flags.stream().noneMatch(f -> f.startsWith("--hep.listen-address"))) {
      command.add("--hep.listen-address=127.0.0.1:0"); // never the shared default :9060
    }
    RunningProcess process = RunningProcess.start("exporter", command, dir);
    Exporter exporter = new Exporter(process, webPort);
    process.awaitReady(
        "exporter ready on 127.0.0.1:" + webPort,
        RunningProcess.START_DEADLINE,
        () -> Http.status(exporter.url("/-/ready")) == 200);
    return exporter;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + webPort + path;
  }

  public String target() {
    return "127.0.0.1:" + webPort;
  }

  /** A scrape of {@code /metrics}. */
  public Scrape scrape() {
    return Scrape.parse(Http.get(url("/metrics")));
  }

  public String logTail() {
    return process.logTail();
  }

  @Override
  public void close() {
    process.close();
  }
}
