package io.sipexporter.cli;

import io.sipexporter.Exporter;
import io.sipexporter.ExporterConfig;
import io.sipexporter.core.ListenAddress;
import io.sipexporter.input.HepInput;
import io.sipexporter.input.SipInput;
import io.sipexporter.metrics.SeriesBudget;
import io.sipexporter.net.ListenException;
import io.sipexporter.net.ListenerOptions;
import io.sipexporter.net.SourceFilter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code sip-exporter} command: with no subcommand it runs the exporter until stopped. Every
 * flag can also be set by an environment variable, named in {@code --help}.
 *
 * <pre>{@code
 * java -jar target/sip-exporter.jar --sip.listen-address=:5060 --web.listen-address=:10060
 * }</pre>
 */
@Command(
    name = "sip-exporter",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {
      ExplainCommand.class,
      CompareCommand.class,
      ReplayCommand.class,
      LoadgenCommand.class,
      HealthcheckCommand.class
    },
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Counts mirrored SIP traffic by method, response code and class, for Prometheus.",
    footer = {
      "",
      "Every flag can also be set by the environment variable named after \"env\" above;",
      "flags win over variables, variables over --config.file."
    })
public final class SipExporterCommand implements Callable<Integer> {

  @Option(
      names = "--sip.listen-address",
      paramLabel = "HOST:PORT",
      defaultValue =
          "${env:SIP_EXPORTER_SIP_LISTEN_ADDRESS:-" + SipInput.DEFAULT_LISTEN_ADDRESS + "}",
      converter = ListenAddressConverter.class,
      description =
          "Where raw SIP copies arrive, UDP and TCP on one port (default ${DEFAULT-VALUE}; env SIP_EXPORTER_SIP_LISTEN_ADDRESS).")
  ListenAddress sipListen;

  @Option(
      names = "--sip.max-message-bytes",
      paramLabel = "BYTES",
      defaultValue =
          "${env:SIP_EXPORTER_SIP_MAX_MESSAGE_BYTES:-"
              + ListenerOptions.DEFAULT_MAX_MESSAGE_BYTES
              + "}",
      description =
          "Largest SIP message accepted on a TCP stream; a larger one closes the connection (default ${DEFAULT-VALUE}; env SIP_EXPORTER_SIP_MAX_MESSAGE_BYTES).")
  int maxMessageBytes;

  @Option(
      names = "--sip.udp-receive-buffer-bytes",
      paramLabel = "BYTES",
      defaultValue =
          "${env:SIP_EXPORTER_SIP_UDP_RECEIVE_BUFFER_BYTES:-"
              + ListenerOptions.DEFAULT_UDP_RECEIVE_BUFFER_BYTES
              + "}",
      description =
          "SO_RCVBUF for the UDP socket; the kernel caps it at net.core.rmem_max unless the exporter has CAP_NET_ADMIN (root), which sets it past that (default ${DEFAULT-VALUE}; env SIP_EXPORTER_SIP_UDP_RECEIVE_BUFFER_BYTES).")
  int udpReceiveBufferBytes;

  @Option(
      names = "--sip.tcp-max-connections",
      paramLabel = "N",
      defaultValue =
          "${env:SIP_EXPORTER_SIP_TCP_MAX_CONNECTIONS:-"
              + ListenerOptions.DEFAULT_TCP_MAX_CONNECTIONS
              + "}",
      description =
          "TCP connections open at once; more are refused and counted (default ${DEFAULT-VALUE}; env SIP_EXPORTER_SIP_TCP_MAX_CONNECTIONS).")
  int tcpMaxConnections;

  @Option(
      names = "--sip.tcp-idle-timeout",
      paramLabel = "DURATION",
      defaultValue =
          "${env:SIP_EXPORTER_SIP_TCP_IDLE_TIMEOUT:-"
              + ListenerOptions.DEFAULT_TCP_IDLE_TIMEOUT
              + "}",
      converter = DurationConverter.class,
      description =
          "Close a TCP connection that delivers no whole message for this long, e.g. 30s, 10m (default ${DEFAULT-VALUE}; env SIP_EXPORTER_SIP_TCP_IDLE_TIMEOUT).")
  java.time.Duration tcpIdleTimeout;

  @Option(
      names = "--sip.event-loops",
      paramLabel = "N",
      defaultValue =
          "${env:SIP_EXPORTER_SIP_EVENT_LOOPS:-" + ListenerOptions.DEFAULT_EVENT_LOOPS + "}",
      description =
          "Event loops reading SIP input, each with its own UDP socket (SO_REUSEPORT, Linux epoll); 0 = one per CPU (default ${DEFAULT-VALUE}; env SIP_EXPORTER_SIP_EVENT_LOOPS).")
  int eventLoops;

  @Option(
      names = "--hep.listen-address",
      paramLabel = "HOST:PORT",
      defaultValue =
          "${env:SIP_EXPORTER_HEP_LISTEN_ADDRESS:-" + HepInput.DEFAULT_LISTEN_ADDRESS + "}",
      converter = ListenAddressConverter.class,
      description =
          "Where HEP v1/v2/v3 packets arrive (Kamailio, OpenSIPS, FreeSWITCH, Asterisk, heplify), UDP and TCP on one port (default ${DEFAULT-VALUE}; env SIP_EXPORTER_HEP_LISTEN_ADDRESS).")
  ListenAddress hepListen;

  @Option(
      names = "--hep.auth-key",
      paramLabel = "KEY",
      defaultValue = "${env:SIP_EXPORTER_HEP_AUTH_KEY}",
      description =
          "Take only HEPv3 packets carrying this auth key (chunk 14); others are dropped and counted as reason hep_bad_auth_key (env SIP_EXPORTER_HEP_AUTH_KEY).")
  String hepAuthKey;

  @Option(
      names = "--hep.nodes",
      paramLabel = "N",
      defaultValue = "${env:SIP_EXPORTER_HEP_NODES:-" + ExporterConfig.DEFAULT_HEP_NODES + "}",
      description =
          "Label sip_requests_total and sip_responses_total with node, the HEP capture agent id: the first N ids seen get their own value, later ones node=\"other\", non-HEP input node=\"\"; 0 = no node label (default ${DEFAULT-VALUE}; env SIP_EXPORTER_HEP_NODES).")
  int hepNodes;

  @Option(
      names = "--sip.allowed-sources",
      paramLabel = "CIDRS",
      defaultValue = "${env:SIP_EXPORTER_SIP_ALLOWED_SOURCES}",
      description =
          "Comma-separated IPv4/IPv6 CIDR ranges that may send raw SIP; others are dropped and counted (reason source_not_allowed); empty = any (env SIP_EXPORTER_SIP_ALLOWED_SOURCES).")
  String sipAllowedSources;

  @Option(
      names = "--hep.allowed-sources",
      paramLabel = "CIDRS",
      defaultValue = "${env:SIP_EXPORTER_HEP_ALLOWED_SOURCES}",
      description =
          "Comma-separated IPv4/IPv6 CIDR ranges that may send HEP; others are dropped and counted (reason source_not_allowed); empty = any (env SIP_EXPORTER_HEP_ALLOWED_SOURCES).")
  String hepAllowedSources;

  @Option(
      names = "--metrics.max-unregistered-codes",
      paramLabel = "N",
      defaultValue =
          "${env:SIP_EXPORTER_METRICS_MAX_UNREGISTERED_CODES:-"
              + ExporterConfig.DEFAULT_MAX_UNREGISTERED_CODES
              + "}",
      description =
          "Response codes outside the IANA registry that get their own code label value; later ones are counted as code=\"4xx\" etc. and in sip_exporter_responses_folded_total (default ${DEFAULT-VALUE}; env SIP_EXPORTER_METRICS_MAX_UNREGISTERED_CODES).")
  int maxUnregisteredCodes;

  @Option(
      names = "--metrics.series-budget",
      paramLabel = "N",
      defaultValue = "${env:SIP_EXPORTER_METRICS_SERIES_BUDGET:-" + SeriesBudget.DEFAULT + "}",
      description =
          "Series with a node or peer label value of their own that may be created, in all (a histogram counts as its bucket lines); later ones are counted under node=\"other\" / peer=\"other\" and in sip_exporter_series_folded_total (default ${DEFAULT-VALUE}, about 1 MB of scrape; env SIP_EXPORTER_METRICS_SERIES_BUDGET).")
  int seriesBudget;

  @Option(
      names = "--peers.file",
      paramLabel = "FILE",
      defaultValue = "${env:SIP_EXPORTER_PEERS_FILE}",
      description =
          "YAML naming peers by address (peers: [{name, addresses: [CIDR...]}]): requests, responses, transactions and their histograms get labels peer and direction (in: the peer sent it; out: sent to the peer). Re-read on SIGHUP and when it changes; an invalid new version keeps the running one (env SIP_EXPORTER_PEERS_FILE).")
  java.nio.file.Path peersFile;

  @picocli.CommandLine.Mixin TrackingFlags tracking = new TrackingFlags();

  @Option(
      names = "--web.listen-address",
      paramLabel = "HOST:PORT",
      defaultValue =
          "${env:SIP_EXPORTER_WEB_LISTEN_ADDRESS:-"
              + ExporterConfig.DEFAULT_WEB_LISTEN_ADDRESS
              + "}",
      converter = ListenAddressConverter.class,
      description =
          "Where the HTTP server listens: metrics, landing page, health (default ${DEFAULT-VALUE}; env SIP_EXPORTER_WEB_LISTEN_ADDRESS).")
  ListenAddress webListen;

  @Option(
      names = "--web.telemetry-path",
      paramLabel = "PATH",
      defaultValue =
          "${env:SIP_EXPORTER_WEB_TELEMETRY_PATH:-" + ExporterConfig.DEFAULT_TELEMETRY_PATH + "}",
      description =
          "Path under which metrics are served (default ${DEFAULT-VALUE}; env SIP_EXPORTER_WEB_TELEMETRY_PATH).")
  String telemetryPath;

  @Option(
      names = "--web.config.file",
      paramLabel = "FILE",
      defaultValue = "${env:SIP_EXPORTER_WEB_CONFIG_FILE}",
      description =
          "Prometheus exporter-toolkit web config: TLS and basic-auth users (bcrypt), re-read when it changes (env SIP_EXPORTER_WEB_CONFIG_FILE).")
  java.nio.file.Path webConfigFile;

  @picocli.CommandLine.Mixin WebLimitFlags webLimits = new WebLimitFlags();

  @Option(
      names = "--log.level",
      paramLabel = "LEVEL",
      defaultValue = "${env:SIP_EXPORTER_LOG_LEVEL:-info}",
      description =
          "debug, info, warn or error; debug logs malformed messages, rate-limited (default ${DEFAULT-VALUE}; env SIP_EXPORTER_LOG_LEVEL).")
  String logLevel;

  @Option(
      names = "--log.format",
      paramLabel = "FORMAT",
      defaultValue = "${env:SIP_EXPORTER_LOG_FORMAT:-text}",
      description =
          "text, or json for one JSON object per line (default ${DEFAULT-VALUE}; env SIP_EXPORTER_LOG_FORMAT).")
  String logFormat;

  @Option(
      names = "--config.file",
      paramLabel = "FILE",
      description =
          "YAML file with the same keys as the flags (sip: {listen-address: \":5060\"}); flags and environment variables win (env SIP_EXPORTER_CONFIG_FILE).")
  java.nio.file.Path configFile;

  @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    ExporterConfig config;
    try {
      config = toConfig();
    } catch (IllegalArgumentException e) {
      // an out-of-range value is a usage error like a malformed one: exit 2
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Logging.configure(logFormatValue(), logLevel);
    Exporter exporter = Exporter.start(config);
    CountDownLatch stopRequested = new CountDownLatch(1);
    StopSignals.onStop(stopRequested::countDown);
    if (config.peersFile() != null) {
      StopSignals.onReload(exporter::reloadPeers); // else SIGHUP still stops, draining
    }
    AtomicBoolean closed = new AtomicBoolean();
    Runnable drain =
        () -> {
          if (closed.compareAndSet(false, true)) {
            exporter.drainAndClose(java.time.Duration.ofSeconds(5));
          }
        };
    // any other way out (SIGHUP, System.exit) still drains
    Runtime.getRuntime().addShutdownHook(new Thread(drain, "shutdown"));
    org.slf4j.LoggerFactory.getLogger(SipExporterCommand.class)
        .info(
            "sip-exporter listening: SIP udp+tcp {}, HEP udp+tcp {}, web {}://{}{}",
            exporter.sipAddress(),
            exporter.hepAddress(),
            exporter.webScheme(),
            exporter.webAddress(),
            config.telemetryPath());
    stopRequested.await();
    drain.run();
    return 0;
  }

  private Logging.LogFormat logFormatValue() {
    try {
      return Logging.LogFormat.valueOf(logFormat.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--log.format must be text or json, not '" + logFormat + "'");
    }
  }

  /**
   * The config the flags, their environment variables and the config file give; the records check
   * the values, and IllegalArgumentException names the flag of one out of range.
   */
  ExporterConfig toConfig() {
    if (!java.util.Set.of("debug", "info", "warn", "error")
        .contains(logLevel.toLowerCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException(
          "--log.level must be debug, info, warn or error, not '" + logLevel + "'");
    }
    logFormatValue();
    return ExporterConfig.builder()
        .sipListen(sipListen)
        .hepListen(hepListen)
        .hepAuthKey(hepAuthKey)
        .listener(
            new ListenerOptions(
                maxMessageBytes,
                udpReceiveBufferBytes,
                tcpMaxConnections,
                tcpIdleTimeout,
                eventLoops))
        .tracking(tracking.toOptions())
        .webListen(webListen)
        .telemetryPath(telemetryPath)
        .webConfigFile(webConfigFile)
        .peersFile(peersFile)
        .seriesBudget(seriesBudget)
        .hepNodes(hepNodes)
        .maxUnregisteredCodes(maxUnregisteredCodes)
        .sipAllowed(sources("--sip.allowed-sources", sipAllowedSources))
        .hepAllowed(sources("--hep.allowed-sources", hepAllowedSources))
        .webLimits(webLimits.toLimits())
        .build();
  }

  private static SourceFilter sources(String flag, String value) {
    try {
      return SourceFilter.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
    }
  }

  /** Runs the command line and returns the process exit code. */
  public static int run(String[] args) {
    CommandLine cl = newCommandLine();
    String config = configFileArgument(args);
    if (config != null) {
      try {
        cl.setDefaultValueProvider(
            new ConfigDefaults(ConfigFile.read(java.nio.file.Path.of(config), flagKeys(cl))));
      } catch (IllegalArgumentException e) {
        cl.getErr().println("sip-exporter: --config.file " + e.getMessage());
        return 2;
      }
    }
    return cl.execute(args);
  }

  /** The --config.file value: the flag (before any subcommand), else its environment variable. */
  static String configFileArgument(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--config.file=")) {
        return args[i].substring("--config.file=".length());
      }
      if (args[i].equals("--config.file") && i + 1 < args.length) {
        return args[i + 1];
      }
      if (!args[i].startsWith("-")) {
        return null; // a subcommand: it takes no config file
      }
    }
    return System.getenv("SIP_EXPORTER_CONFIG_FILE");
  }

  /** The keys a config file may hold: every long flag but the file itself, help and version. */
  static java.util.Set<String> flagKeys(CommandLine cl) {
    java.util.Set<String> keys = new java.util.TreeSet<>();
    for (CommandLine.Model.OptionSpec option : cl.getCommandSpec().options()) {
      String name = option.longestName().replaceFirst("^-+", "");
      if (!option.usageHelp() && !option.versionHelp() && !name.equals("config.file")) {
        keys.add(name);
      }
    }
    return keys;
  }

  /** The command line with its error handling: one line naming the problem, then a hint. */
  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new SipExporterCommand());
    cl.setParameterExceptionHandler(
        (e, argv) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println("sip-exporter: " + e.getMessage());
          err.println("Try 'sip-exporter --help'.");
          return 2;
        });
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof IllegalArgumentException || e instanceof ListenException) {
            commandLine.getErr().println("sip-exporter: " + e.getMessage());
            return 1;
          }
          throw e;
        });
    return cl;
  }

  /** Lets picocli turn flag text into a {@link ListenAddress}, with the parser's message. */
  static final class ListenAddressConverter implements CommandLine.ITypeConverter<ListenAddress> {
    @Override
    public ListenAddress convert(String value) {
      try {
        return ListenAddress.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
