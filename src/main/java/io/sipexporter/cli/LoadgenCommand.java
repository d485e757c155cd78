package io.sipexporter.cli;

import io.sipexporter.core.ListenAddress;
import io.sipexporter.load.Exposition;
import io.sipexporter.load.LoadGenerator;
import io.sipexporter.load.LoadMessages;
import io.sipexporter.load.RawUdpSink;
import io.sipexporter.net.ListenerOptions;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sip-exporter loadgen}: sends pre-built SIP (or HEP) datagrams over loopback at a set or
 * maximum rate, then checks through {@code /metrics} that every one was counted, per method and
 * code. {@code loadgen sink} runs the raw receive loop the exporter is measured against.
 */
@Command(
    name = "loadgen",
    mixinStandardHelpOptions = true,
    subcommands = LoadgenCommand.Sink.class,
    description =
        "Send SIP or HEP datagrams to an exporter and check its counts against what was sent.")
public final class LoadgenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--target",
      paramLabel = "HOST:PORT",
      converter = SipExporterCommand.ListenAddressConverter.class,
      description = "Where to send: the exporter's SIP (or, with --hep, HEP) listener.")
  ListenAddress target;

  @Option(names = "--hep", description = "Wrap every datagram in HEPv3.")
  boolean hep;

  @Option(
      names = "--rate",
      defaultValue = "0",
      paramLabel = "PER_SECOND",
      description =
          "Datagrams a second; 0 sends as fast as the socket takes them (default ${DEFAULT-VALUE}).")
  long rate;

  @Option(
      names = "--count",
      defaultValue = "100000",
      paramLabel = "N",
      description = "Datagrams to send (default ${DEFAULT-VALUE}).")
  long count;

  @Option(
      names = "--metrics",
      paramLabel = "URL",
      description =
          "The exporter's /metrics, to check the counts (e.g. http://127.0.0.1:10060/metrics).")
  URI metrics;

  @Option(
      names = "--settle",
      defaultValue = "2s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "How long counts may keep rising after the last send (default ${DEFAULT-VALUE}).")
  Duration settle;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (target == null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "Missing required option: '--target=HOST:PORT'");
    }
    LoadMessages messages = new LoadMessages(140, hep);
    Map<String, Double> before = metrics == null ? Map.of() : scrape();
    LoadGenerator.Result result =
        new LoadGenerator(messages)
            .run(new InetSocketAddress(target.host(), target.port()), rate, count);
    out.printf(
        "sent %d %s datagrams in %.2f s: %.0f/s%n",
        result.sent(), hep ? "HEP" : "SIP", result.nanos() / 1e9, result.rate());
    if (metrics == null) {
      return 0;
    }
    String input = hep ? "hep" : "sip";
    String receivedKey =
        "sip_exporter_messages_received_total{input=\"" + input + "\",transport=\"udp\"}";
    Map<String, Double> after = awaitSettled(receivedKey, before, result.sent());
    long received = (long) delta(after, before, receivedKey);
    out.printf(
        "received %d, lost %d (%.3f%%)%n",
        received, result.sent() - received, 100.0 * (result.sent() - received) / result.sent());
    boolean exact = received == result.sent();
    if (after.keySet().stream().anyMatch(k -> k.startsWith("sip_responses_total"))) {
      Map<String, Long> expected = new HashMap<>();
      for (int i = 0; i < messages.size(); i++) {
        int code = messages.code(i);
        String key =
            "sip_responses_total{class=\""
                + code / 100
                + "xx\",code=\""
                + code
                + "\",method=\""
                + messages.method(i)
                + "\"}";
        expected.merge(key, result.sentPerDatagram()[i], Long::sum);
      }
      for (Map.Entry<String, Long> e : expected.entrySet()) {
        long counted = (long) delta(after, before, e.getKey());
        if (counted != e.getValue()) {
          out.printf("mismatch %s: sent %d, counted %d%n", e.getKey(), e.getValue(), counted);
          exact = false;
        }
      }
      out.println(
          exact
              ? "every response counted under its method and code"
              : "counts differ from what was sent");
    }
    return exact ? 0 : 1;
  }

  private Map<String, Double> awaitSettled(String key, Map<String, Double> before, long sent)
      throws Exception {
    long deadline = System.nanoTime() + settle.toNanos();
    Map<String, Double> now = scrape();
    while (delta(now, before, key) < sent && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
      now = scrape();
    }
    return scrape(); // a fresh scrape lists series born during the last one
  }

  private static double delta(Map<String, Double> after, Map<String, Double> before, String key) {
    return after.getOrDefault(key, 0.0) - before.getOrDefault(key, 0.0);
  }

  /** Every sample, keyed {@code name{a="1",b="2"}} with labels sorted, as the exporter writes. */
  private Map<String, Double> scrape() throws Exception {
    String body =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, Double> samples = new HashMap<>();
    for (Exposition.Sample s : Exposition.parse(body).samples()) {
      StringBuilder key = new StringBuilder(s.name()).append('{');
      new java.util.TreeMap<>(s.labels())
          .forEach((k, v) -> key.append(k).append("=\"").append(v).append("\","));
      key.setLength(key.length() - (s.labels().isEmpty() ? 0 : 1));
      samples.put(key.append('}').toString(), s.value());
    }
    return samples;
  }

  /** {@code loadgen sink}: the raw receive loop, serving its count as the exporter would. */
  @Command(
      name = "sink",
      mixinStandardHelpOptions = true,
      description =
          "Receive and count UDP datagrams with the exporter's socket setup, nothing else; serve the count on /metrics.")
  static final class Sink implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--listen",
        required = true,
        paramLabel = "HOST:PORT",
        converter = SipExporterCommand.ListenAddressConverter.class)
    ListenAddress listen;

    @Option(
        names = "--web.listen-address",
        required = true,
        paramLabel = "HOST:PORT",
        converter = SipExporterCommand.ListenAddressConverter.class)
    ListenAddress web;

    @Option(
        names = "--event-loops",
        defaultValue = "" + ListenerOptions.DEFAULT_EVENT_LOOPS,
        description = "0: one per CPU, as the exporter.")
    int loops;

    @Option(
        names = "--udp-receive-buffer-bytes",
        defaultValue = "" + ListenerOptions.DEFAULT_UDP_RECEIVE_BUFFER_BYTES)
    int receiveBuffer;

    @Override
    public Integer call() throws Exception {
      int n = loops == 0 ? Runtime.getRuntime().availableProcessors() : loops;
      try (RawUdpSink sink = new RawUdpSink(listen, n, receiveBuffer)) {
        io.vertx.core.Vertx httpVertx =
            io.vertx.core.Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
        httpVertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.response()
                        .putHeader("Content-Type", "text/plain; version=0.0.4")
                        .end(
                            "sip_exporter_messages_received_total{input=\"sip\",transport=\"udp\"} "
                                + sink.received()
                                + ".0\n"))
            .listen(web.port(), web.host())
            .toCompletionStage()
            .toCompletableFuture()
            .get();
        spec.commandLine()
            .getOut()
            .println("sink listening on " + listen + ", count at http://" + web + "/metrics");
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        stopped.await();
        httpVertx.close();
      }
      return 0;
    }
  }
}
