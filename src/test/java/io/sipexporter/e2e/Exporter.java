package io.sipexporter.e2e;

import io.sipexporter.Scrape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The exporter: the shaded jar, started by {@link Jar}, run on loopback ports. */
public final class Exporter implements AutoCloseable {
  private final RunningProcess process;
  private final int webPort;

  private Exporter(RunningProcess process, int webPort) {
    this.process = process;
    this.webPort = webPort;
  }

  /**
   * Starts the jar with {@code flags} beside its SIP (a free port), HEP and web listeners, and
   * returns once it logs that it serves {@code scheme://127.0.0.1:webPort/metrics}: the start for
   * tests of the web server itself (TLS, basic auth, limits), which read its log and its pages.
   */
  public static RunningProcess startJar(Path dir, int webPort, String scheme, List<String> flags) {
    RunningProcess process = launch(dir, Ports.freeUdpAndTcp(), webPort, flags);
    String metrics = scheme + "://127.0.0.1:" + webPort + "/metrics";
    return process.awaitReady(
        "exporter serving " + metrics,
        RunningProcess.START_DEADLINE,
        () -> process.logText().contains("web " + metrics));
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
    RunningProcess process = launch(dir, sipPort, webPort, flags);
    Exporter exporter = new Exporter(process, webPort);
    process.awaitReady(
        "exporter ready on 127.0.0.1:" + webPort,
        RunningProcess.START_DEADLINE,
        () -> Http.status(exporter.url("/-/ready")) == 200);
    return exporter;
  }

  /** The jar on loopback: SIP and web where given, HEP on a port of its own unless a flag says. */
  private static RunningProcess launch(Path dir, int sipPort, int webPort, List<String> flags) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--sip.listen-address=127.0.0.1:" + sipPort,
                "--web.listen-address=127.0.0.1:" + webPort));
    args.addAll(flags);
    if (flags.stream().noneMatch(f -> f.startsWith("--hep.listen-address"))) {
      args.add("--hep.listen-address=127.0.0.1:0"); // never the shared default :9060
    }
    return Jar.args(args).start("exporter", dir);
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

  /** The process, to signal it or await its exit. */
  public RunningProcess process() {
    return process;
  }

  @Override
  public void close() {
    process.close();
  }
}
