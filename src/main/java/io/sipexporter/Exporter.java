package io.sipexporter;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.sipexporter.catalog.ResponseCodeCatalog;
import io.sipexporter.catalog.ResponseCodeInfoMeters;
import io.sipexporter.core.Input;
import io.sipexporter.core.ListenAddress;
import io.sipexporter.http.CodeRates;
import io.sipexporter.http.CodeRoutes;
import io.sipexporter.http.LandingPage;
import io.sipexporter.http.WebConfig;
import io.sipexporter.http.WebRoutes;
import io.sipexporter.http.WebVerticle;
import io.sipexporter.input.LiveInput;
import io.sipexporter.metrics.BuildInfo;
import io.sipexporter.metrics.CallIdExemplars;
import io.sipexporter.metrics.CallMeters;
import io.sipexporter.metrics.CodeLabels;
import io.sipexporter.metrics.LabelSets;
import io.sipexporter.metrics.NodeTable;
import io.sipexporter.metrics.SeriesBudget;
import io.sipexporter.metrics.TrafficCounters;
import io.sipexporter.metrics.TransactionMeters;
import io.sipexporter.net.ListenerOptions;
import io.sipexporter.net.Listeners;
import io.sipexporter.net.ReceiveBuffer;
import io.sipexporter.peers.PeerTable;
import io.sipexporter.pipeline.PeerMap;
import io.sipexporter.pipeline.SipPipeline;
import io.sipexporter.transaction.TransactionTracker;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running exporter: the SIP listeners on one Vert.x instance, the web server on another (its own
 * event loop, so a SIP flood never starves a scrape), and the registry they share.
 *
 * <pre>{@code
 * try (Exporter exporter = Exporter.start(ExporterConfig.defaults())) {
 *   System.out.println("metrics at http://" + exporter.webAddress() + "/metrics");
 * }
 * }</pre>
 */
public final class Exporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);
  private final Vertx ingest;
  private final Vertx web;
  private final Map<Input, ListenAddress> inputAddresses;
  private final ListenAddress webAddress;
  private final String webScheme;
  private final PrometheusMeterRegistry registry;
  private final AtomicBoolean ready;
  private final TrafficCounters counters;
  private PeersWatcher peersWatcher; // null without --peers.file

  private Exporter(
      Vertx ingest,
      Vertx web,
      Map<Input, ListenAddress> inputAddresses,
      ListenAddress webAddr,
      String webScheme,
      PrometheusMeterRegistry registry,
      AtomicBoolean ready,
      TrafficCounters counters) {
    this.ready = ready;
    this.counters = counters;
    this.ingest = ingest;
    this.web = web;
    this.inputAddresses = inputAddresses;
    this.webAddress = webAddr;
    this.webScheme = webScheme;
    this.registry = registry;
  }

  /**
   * Binds every listener and returns once they all accept traffic; the exception names the listener
   * that could not bind.
   */
  public static Exporter start(ExporterConfig config) {
    WebConfig webConfig = loadWebConfig(config.webConfigFile());
    BuildInfo build = BuildInfo.load();
    ResponseCodeCatalog catalog = ResponseCodeCatalog.load();
    CallIdExemplars exemplars = config.tracking().exemplars() ? new CallIdExemplars() : null;
    PrometheusMeterRegistry registry = newRegistry(build, exemplars);
    new ResponseCodeInfoMeters(catalog).bindTo(registry);
    CodeLabels codeLabels =
        new CodeLabels(registry, catalog::isRegistered, config.maxUnregisteredCodes());
    PeerTable peerTable = loadPeers(config.peersFile());
    LabelSets sets =
        new LabelSets(
            new NodeTable(config.hepNodes()),
            peerTable != null,
            new SeriesBudget(config.seriesBudget(), registry));
    PeerMap peers = peerTable == null ? null : new PeerMap(sets, peerTable, registry);
    TrafficCounters counters = new TrafficCounters(registry, sets, codeLabels);
    TransactionMeters txMeters = new TransactionMeters(registry, exemplars, codeLabels, sets);
    CallMeters callMeters = new CallMeters(registry, exemplars);
    ListenerOptions options = config.listener();
    int shards = TransactionTracker.shardsFor(options.eventLoops());
    List<LiveInput> inputs = Inputs.of(config);
    Vertx ingest =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(options.eventLoops())
                .setPreferNativeTransport(true));
    Vertx web = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    AtomicBoolean ready = new AtomicBoolean();
    try {
      LOG.info(
          "{} event loops read {} input, transport {}",
          options.eventLoops(),
          names(inputs),
          ingest.isNativeTransportEnabled()
              ? "epoll"
              : "nio (" + ingest.unavailableNativeTransportCause() + ")");
      ReceiveBuffer.report(options.udpReceiveBufferBytes());
      Map<Input, ListenAddress> bound = new EnumMap<>(Input.class);
      List<String> listening = new ArrayList<>();
      // one tracker per input, shared by its event loops: a transaction's messages meet
      // whichever socket they came in on, and the configured capacity is the input's
      List<TransactionTracker> trackers =
          inputs.stream()
              .map(input -> new TransactionTracker(txMeters, callMeters, config.tracking(), shards))
              .toList();
      StartupHeap.promote(); // the trackers' tables out of the young generation, before traffic
      for (int i = 0; i < inputs.size(); i++) {
        LiveInput input = inputs.get(i);
        TransactionTracker tracker = trackers.get(i);
        ListenAddress address =
            Listeners.deploy(
                ingest,
                registry,
                input.input(),
                input.listen(),
                input.allowed(),
                options,
                () -> input.newIngest(new SipPipeline(counters, tracker, peers)));
        bound.put(input.input(), address);
        listening.add(input.landingLine(address));
      }
      LandingPage landing =
          new LandingPage(
              build.version() + " (" + build.revision() + ")",
              listening,
              LandingPage.pages(config.telemetryPath()));
      WebRoutes routes =
          new WebRoutes(
              registry,
              config.telemetryPath(),
              landing,
              ready::get,
              new CodeRoutes(catalog, counters::responsesWithCode, new CodeRates(registry)));
      WebVerticle webVerticle =
          new WebVerticle(config.webListen(), routes, webConfig, config.webLimits(), registry);
      Listeners.await(web.deployVerticle(webVerticle), "web server on " + config.webListen());
      ready.set(true);
      Exporter exporter =
          new Exporter(
              ingest,
              web,
              bound,
              webVerticle.boundAddress(),
              webVerticle.tls() ? "https" : "http",
              registry,
              ready,
              counters);
      if (peers != null) {
        exporter.watchPeers(
            PeersWatcher.start(config.peersFile(), peers, peerTable, registry),
            WebVerticle.RELOAD_INTERVAL);
      }
      return exporter;
    } catch (RuntimeException e) {
      closeQuietly(ingest, web);
      throw e;
    }
  }

  /** Polls the peers file for changes on a worker thread of the web Vert.x. */
  private void watchPeers(PeersWatcher watcher, java.time.Duration interval) {
    peersWatcher = watcher;
    web.setPeriodic(
        interval.toMillis(),
        id ->
            web.executeBlocking(
                () -> {
                  watcher.poll();
                  return null;
                },
                false));
  }

  /** Re-reads {@code --peers.file} now (SIGHUP); nothing without one. */
  public void reloadPeers() {
    if (peersWatcher != null) {
      peersWatcher.reload();
    }
  }

  /** The inputs' names for the start-up line: {@code SIP and HEP}, {@code SIP, HEP and X}. */
  private static String names(List<LiveInput> inputs) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < inputs.size(); i++) {
      if (i > 0) {
        b.append(i == inputs.size() - 1 ? " and " : ", ");
      }
      b.append(inputs.get(i).input().name());
    }
    return b.toString();
  }

  /** The peers of {@code --peers.file}, or null without one; the exception names the line. */
  private static PeerTable loadPeers(java.nio.file.Path file) {
    if (file == null) {
      return null;
    }
    PeerTable table = ExporterConfig.loadPeers(file);
    LOG.info(
        "peers file {}: {} peers, {} address ranges", file, table.names().size(), table.prefixes());
    return table;
  }

  /** The checked web config, or null for none; the exception names the flag, file and key. */
  private static WebConfig loadWebConfig(java.nio.file.Path file) {
    if (file == null) {
      return null;
    }
    try {
      WebConfig webConfig = WebConfig.load(file);
      LOG.info(
          "web config {}: TLS {}, {} basic-auth user(s)",
          file,
          webConfig.tls() == null ? "off" : "on",
          webConfig.users().size());
      return webConfig;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--web.config.file " + e.getMessage(), e);
    }
  }

  private static PrometheusMeterRegistry newRegistry(BuildInfo build, CallIdExemplars exemplars) {
    PrometheusMeterRegistry registry = CallIdExemplars.newRegistry(exemplars);
    build.bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    // client_java's standard process_* families (process_cpu_seconds_total, process_open_fds...),
    // in place of Micrometer's process/system binders, whose names promtool rejects
    ProcessMetrics.builder().register(registry.getPrometheusRegistry());
    return registry;
  }

  /** Where {@code input}'s listeners are bound, or null when it does not run. */
  public ListenAddress address(Input input) {
    return inputAddresses.get(input);
  }

  /** Where the SIP listeners are bound. */
  public ListenAddress sipAddress() {
    return address(Input.SIP);
  }

  /** Where the HEP listeners are bound. */
  public ListenAddress hepAddress() {
    return address(Input.HEP);
  }

  /** Where the web server is bound. */
  public ListenAddress webAddress() {
    return webAddress;
  }

  /** {@code https} when the web config turns TLS on, else {@code http}. */
  public String webScheme() {
    return webScheme;
  }

  /** The registry behind {@code /metrics}. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Stops gracefully (SIGTERM): reports not ready, so load balancers stop sending, lets what is
   * already in the sockets be counted until input stays quiet for 200 ms (at most {@code max}),
   * then closes.
   */
  public void drainAndClose(java.time.Duration max) {
    ready.set(false);
    long deadline = System.nanoTime() + max.toNanos();
    double seen = counters.receivedTotal();
    while (System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
      double now = counters.receivedTotal();
      if (now == seen) {
        break;
      }
      seen = now;
    }
    LOG.info("drained: {} messages received in all; closing", (long) seen);
    close();
  }

  /** Stops listening and releases every thread. */
  @Override
  public void close() {
    closeQuietly(ingest, web);
    registry.close();
  }

  private static void closeQuietly(Vertx... instances) {
    for (Vertx vertx : instances) {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // closing is best effort; nothing left to protect
      }
    }
  }
}
