package io.sipexporter.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.ExporterConfig;
import io.sipexporter.catalog.ResponseCodeCatalog;
import io.sipexporter.catalog.ResponseCodeInfoMeters;
import io.sipexporter.core.ListenAddress;
import io.sipexporter.metrics.BuildInfo;
import io.sipexporter.metrics.CallIdExemplars;
import io.sipexporter.metrics.NodeTable;
import io.sipexporter.net.ListenerOptions;
import io.sipexporter.pcap.CaptureResult;
import io.sipexporter.peers.PeerTable;
import io.sipexporter.replay.CaptureReplay;
import io.sipexporter.replay.ReplaySummary;
import io.sipexporter.replay.SummaryJson;
import io.sipexporter.replay.SummaryText;
import io.sipexporter.transaction.TrackerOptions;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sip-exporter replay FILE}: counts the SIP in a pcap or pcapng capture (or a live {@code
 * tcpdump -U -w -} on standard input) with the exporter's own pipeline, and prints a summary. Exit
 * 0, 1 when the capture is unreadable (one line on stderr naming the file and the problem; the
 * summary of what was read before a truncation is still printed), 2 on usage errors.
 *
 * <pre>{@code
 * java -jar sip-exporter.jar replay --format json trace.pcapng
 * tcpdump -i any -U -w - port 5060 | java -jar sip-exporter.jar replay --serve -
 * }</pre>
 */
@Command(
    name = "replay",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Count the SIP in a pcap or pcapng capture, as the exporter would count it live (input \"pcap\").",
      "UDP and TCP, SIP or HEP found by content on any port; the capture's timestamps drive the transaction timers.",
      "At the end of the capture every timer runs out: requests still unanswered count as timed out."
    },
    footer = {
      "",
      "Live capture: tcpdump -i any -U -w - port 5060 | sip-exporter replay --serve -",
      "Exit status: 0 read to the end, 1 unreadable capture (the summary shows what was read), 2 usage error."
    })
public final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @picocli.CommandLine.Mixin HelpOption help;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "A pcap or pcapng capture; - reads standard input as it arrives.")
  String file;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = FormatConverter.class,
      description =
          "Summary format: text or json (default: ${DEFAULT-VALUE}; fields in docs/replay.md).")
  Format format;

  @Option(
      names = "--serve",
      description =
          "Serve /metrics and / while reading, and keep serving after the end of the capture until interrupted (Ctrl-C, SIGTERM).")
  boolean serve;

  @Option(
      names = "--web.listen-address",
      paramLabel = "HOST:PORT",
      defaultValue = ExporterConfig.DEFAULT_WEB_LISTEN_ADDRESS,
      converter = SipExporterCommand.ListenAddressConverter.class,
      description = "With --serve: where the HTTP server listens (default ${DEFAULT-VALUE}).")
  ListenAddress webListen;

  @Option(
      names = "--sip.max-message-bytes",
      paramLabel = "BYTES",
      defaultValue = "" + ListenerOptions.DEFAULT_MAX_MESSAGE_BYTES,
      description = "Largest SIP message framed from a TCP stream (default ${DEFAULT-VALUE}).")
  int maxMessageBytes;

  @Option(
      names = "--hep.nodes",
      paramLabel = "N",
      defaultValue = "" + ExporterConfig.DEFAULT_HEP_NODES,
      description =
          "Label requests and responses with node, the capture agent id of HEP found in the capture: the first N ids get their own value, later ones other, non-HEP node=\"\"; 0 = no node label (default ${DEFAULT-VALUE}).")
  int hepNodes;

  @Option(
      names = "--peers.file",
      paramLabel = "FILE",
      description =
          "YAML naming peers by address, as the exporter takes it: requests and responses are counted by peer and direction (in: the peer sent it; out: sent to the peer), from the captured IP headers or the HEP envelope.")
  java.nio.file.Path peersFile;

  @picocli.CommandLine.Mixin TrackingFlags tracking = new TrackingFlags();

  /** The summary formats. */
  enum Format {
    TEXT,
    JSON
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    TrackerOptions options;
    PeerTable peers = null;
    try {
      // the exporter's records check these flags, with the same messages
      options = tracking.toOptions();
      ListenerOptions.checkMaxMessageBytes(maxMessageBytes);
      ExporterConfig.checkHepNodes(hepNodes);
      if (peersFile != null) {
        peers = ExporterConfig.loadPeers(peersFile);
      }
    } catch (IllegalArgumentException e) {
      err.println("replay: " + e.getMessage());
      return 2;
    }
    Logging.configure(Logging.LogFormat.TEXT, "warn");
    String source = file.equals("-") ? "-" : file;
    ResponseCodeCatalog catalog = ResponseCodeCatalog.load();
    // exemplars are stamped and rate-limited by the wall clock, not the capture's: few, from
    // --serve
    CallIdExemplars exemplars = options.exemplars() ? new CallIdExemplars() : null;
    PrometheusMeterRegistry registry = CallIdExemplars.newRegistry(exemplars);
    BuildInfo build = BuildInfo.load();
    build.bindTo(registry);
    new ResponseCodeInfoMeters(catalog).bindTo(registry);
    CaptureReplay replay =
        new CaptureReplay(
            registry, exemplars, options, maxMessageBytes, new NodeTable(hepNodes), peers);
    ReplayServer server = null;
    if (serve) {
      try {
        server = ReplayServer.start(webListen, registry, catalog, replay.counters(), build, source);
      } catch (RuntimeException e) {
        err.println("replay: " + e.getMessage());
        return 1;
      }
      err.println("replay: serving http://" + server.address() + "/metrics");
      err.flush();
    }
    AtomicBoolean printed = new AtomicBoolean();
    // a live capture stopped by Ctrl-C still gets its summary of what was read
    Thread interrupted =
        new Thread(
            () -> printSummary(source, replay.progress(), registry, catalog, printed),
            "replay-interrupted");
    Runtime.getRuntime().addShutdownHook(interrupted);
    int status = replay(source, replay, registry, catalog, printed);
    removeHook(interrupted);
    if (server == null || !printed.get()) {
      if (server != null) {
        server.close();
      }
      return status;
    }
    err.println(
        "replay: end of capture; still serving http://"
            + server.address()
            + "/metrics until interrupted");
    err.flush();
    new CountDownLatch(1)
        .await(); // until the JVM is stopped: a signal ends it, Vert.x threads and all
    return status;
  }

  private int replay(
      String source,
      CaptureReplay replay,
      PrometheusMeterRegistry registry,
      ResponseCodeCatalog catalog,
      AtomicBoolean printed) {
    PrintWriter err = spec.commandLine().getErr();
    CaptureReplay.Outcome outcome;
    try (InputStream in = open(source)) {
      if (in.read() < 0) {
        err.println("replay: " + name(source) + ": empty, not a pcap or pcapng capture");
        return 1;
      }
      in.reset();
      outcome = replay.read(in);
    } catch (NoSuchFileException e) {
      err.println("replay: " + name(source) + ": no such file");
      return 1;
    } catch (IOException e) {
      err.println("replay: " + name(source) + ": cannot read: " + e.getMessage());
      return 1;
    }
    CaptureResult error = outcome.captureError();
    if (error == CaptureResult.BAD_MAGIC) {
      err.println(
          "replay: "
              + name(source)
              + ": not a pcap or pcapng capture (no pcap or pcapng magic number at the start)");
      return 1;
    }
    printSummary(source, outcome, registry, catalog, printed);
    if (error != null) {
      err.println(
          "replay: "
              + name(source)
              + ": "
              + problem(error)
              + " after "
              + outcome.frames()
              + " frames; the summary counts what came before");
      return 1;
    }
    return 0;
  }

  private void printSummary(
      String source,
      CaptureReplay.Outcome outcome,
      PrometheusMeterRegistry registry,
      ResponseCodeCatalog catalog,
      AtomicBoolean printed) {
    if (!printed.compareAndSet(false, true)) {
      return;
    }
    ReplaySummary summary = ReplaySummary.of(source, outcome, registry);
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        format == Format.JSON
            ? SummaryJson.write(summary, catalog)
            : SummaryText.write(summary, catalog));
    out.flush();
  }

  private static String name(String source) {
    return source.equals("-") ? "standard input" : source;
  }

  private static InputStream open(String source) throws IOException {
    InputStream raw = source.equals("-") ? System.in : Files.newInputStream(Path.of(source));
    InputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(1);
    return in;
  }

  /** The one-line description of a capture's structural error. */
  static String problem(CaptureResult error) {
    switch (error) {
      case TRUNCATED_RECORD:
        return "truncated: the capture ends inside a record";
      case OVERSIZE_RECORD:
        return "corrupt: a record longer than "
            + io.sipexporter.pcap.CaptureReader.MAX_RECORD
            + " bytes";
      case BAD_BLOCK:
        return "corrupt: a pcapng block with a bad length";
      case UNKNOWN_INTERFACE:
        return "corrupt: a pcapng packet on an interface no interface block describes";
      default:
        return error.reason();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: nothing to undo
    }
  }

  /** Reads {@code text} or {@code json}, ignoring case. */
  static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a format: use text or json");
      }
    }
  }
}
