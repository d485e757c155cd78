package io.sipexporter;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.catalog.ResponseCodeCatalog;
import io.sipexporter.catalog.ResponseCodeInfoMeters;
import io.sipexporter.cli.ListenAddress;
import io.sipexporter.http.CodeRoutes;
import io.sipexporter.http.LandingPage;
import io.sipexporter.http.WebRoutes;
import io.sipexporter.http.WebVerticle;
import io.sipexporter.ingest.ConnectionLimits;
import io.sipexporter.ingest.Input;
import io.sipexporter.ingest.ReceiveBuffer;
import io.sipexporter.ingest.SipListenerVerticle;
import io.sipexporter.ingest.SipPipeline;
import io.sipexporter.metrics.BuildInfo;
import io.sipexporter.metrics.TrafficCounters;
import io.sipexporter.metrics.UdpReceiveDrops;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.DeploymentOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running exporter: the SIP listeners on one Vert.x instance, the web server on another (its
 * own event loop, so a SIP flood never starves a scrape), and the registry they share.
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
  private final ListenAddress sipAddress;
  private final ListenAddress webAddress;
  private final PrometheusMeterRegistry registry;

  private Exporter(Vertx ingest, Vertx web, ListenAddress sip, ListenAddress webAddr, PrometheusMeterRegistry registry) {
    this.ingest = ingest;
    this.web = web;
    this.sipAddress = sip;
    this.webAddress = webAddr;
    this.registry = registry;
  }

  /**
   * Binds every listener and returns once they all accept traffic; the exception names the
   * listener that could not bind.
   */
  public static Exporter start(ExporterConfig config) {
    BuildInfo build = BuildInfo.load();
    ResponseCodeCatalog catalog = ResponseCodeCatalog.load();
    PrometheusMeterRegistry registry = newRegistry(build);
    new ResponseCodeInfoMeters(catalog).bindTo(registry);
    TrafficCounters counters = new TrafficCounters(registry);
    int loops = config.listener().eventLoops();
    Vertx ingest = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
    Vertx web = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    AtomicBoolean ready = new AtomicBoolean();
    try {
      ConnectionLimits sipLimits =
          new ConnectionLimits(registry, Input.SIP, config.listener().tcpMaxConnections(), config.listener().tcpIdleTimeout());
      // one UDP socket per event loop where SO_REUSEPORT works (epoll), else one in all
      int udpSockets = ingest.isNativeTransportEnabled() ? loops : 1;
      List<SipListenerVerticle> sip = java.util.Collections.synchronizedList(new ArrayList<>());
      Supplier<SipListenerVerticle> listener =
          () -> {
            SipListenerVerticle v =
                new SipListenerVerticle(
                    config.sipListen(), config.listener(), new SipPipeline(counters), sipLimits, sip.size() < udpSockets);
            sip.add(v);
            return v;
          };
      await(
          ingest.deployVerticle(listener, new DeploymentOptions().setInstances(loops)),
          "SIP listener on " + config.sipListen() + " (udp+tcp)");
      ListenAddress sipBound = sip.get(0).boundAddress();
      LOG.info(
          "SIP listener {}: {} event loops, {} UDP socket(s), transport {}",
          sipBound, loops, udpSockets, ingest.isNativeTransportEnabled() ? "epoll" : "nio (" + ingest.unavailableNativeTransportCause() + ")");
      new UdpReceiveDrops(Input.SIP.label(), sipBound.port()).bindTo(registry);
      ReceiveBuffer.report(config.listener().udpReceiveBufferBytes());
      LandingPage landing =
          new LandingPage(
              build.version() + " (" + build.revision() + ")",
              List.of("SIP udp+tcp " + sipBound),
              List.of(
                  new String[] {config.telemetryPath(), "Metrics"},
                  new String[] {"/codes", "SIP response codes: what each means, how to fix it, how many seen"},
                  new String[] {"/-/healthy", "Health"},
                  new String[] {"/-/ready", "Readiness"}));
      WebVerticle webVerticle =
          new WebVerticle(config.webListen(), new WebRoutes(
                  registry,
                  config.telemetryPath(),
                  landing,
                  ready::get,
                  new CodeRoutes(catalog, counters::responsesWithCode)));
      await(web.deployVerticle(webVerticle), "web server on " + config.webListen());
      ready.set(true);
      return new Exporter(ingest, web, sipBound, webVerticle.boundAddress(), registry);
    } catch (RuntimeException e) {
      closeQuietly(ingest, web);
      throw e;
    }
  }

  private static PrometheusMeterRegistry newRegistry(BuildInfo build) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    build.bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    return registry;
  }

  private static void await(Future<?> future, String what) {
    try {
      future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      throw new ListenException("cannot start " + what + ": " + (cause.getMessage() != null ? cause.getMessage() : cause), cause);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new ListenException("cannot start " + what + ": timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ListenException("interrupted while starting " + what, e);
    }
  }

  /** Where the SIP listeners are bound. */
  public ListenAddress sipAddress() {
    return sipAddress;
  }

  /** Where the web server is bound. */
  public ListenAddress webAddress() {
    return webAddress;
  }

  /** The registry behind {@code /metrics}. */
  public PrometheusMeterRegistry registry() {
    return registry;
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

  /** A listener could not be bound; the message names which and why. */
  public static final class ListenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ListenException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
