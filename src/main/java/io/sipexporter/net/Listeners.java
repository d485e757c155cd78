package io.sipexporter.net;

import io.micrometer.core.instrument.MeterRegistry;
import io.sipexporter.core.Ingest;
import io.sipexporter.core.Input;
import io.sipexporter.core.ListenAddress;
import io.sipexporter.metrics.UdpReceiveDrops;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an input's listeners: its port checked, one {@link ListenerVerticle} per event loop with
 * its own {@link Ingest}, its allowed sources and TCP limits counted in the registry.
 *
 * <pre>{@code
 * ListenAddress bound =
 *     Listeners.deploy(vertx, registry, Input.SIP, listen, SourceFilter.ANY, options, ingests);
 * }</pre>
 */
public final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private Listeners() {}

  /**
   * Deploys one listener per event loop for {@code input} and returns where it is bound, each with
   * its own ingest (pipelines are not shared across threads). Where SO_REUSEPORT works (epoll) each
   * reads its own UDP socket; elsewhere the first alone binds UDP.
   */
  public static ListenAddress deploy(
      Vertx vertx,
      MeterRegistry registry,
      Input input,
      ListenAddress listen,
      SourceFilter allowed,
      ListenerOptions options,
      Supplier<Ingest> ingests) {
    AllowedSources sources = new AllowedSources(registry, input, allowed);
    ConnectionLimits limits =
        new ConnectionLimits(
            registry, input, options.tcpMaxConnections(), options.tcpIdleTimeout());
    ListenAddress address = listen;
    try {
      address = address.withPort(PortProbe.choose(address.host(), address.port()));
    } catch (java.io.IOException e) {
      throw new ListenException(
          "cannot start "
              + input.name()
              + " listener on "
              + address
              + " (udp+tcp): "
              + e.getMessage(),
          e);
    }
    ListenAddress bind = address;
    int udpSockets = vertx.isNativeTransportEnabled() ? options.eventLoops() : 1;
    String name = input.name();
    List<ListenerVerticle> deployed = Collections.synchronizedList(new ArrayList<>());
    Supplier<ListenerVerticle> instances =
        () -> {
          ListenerVerticle v =
              new ListenerVerticle(
                  name,
                  bind,
                  options,
                  ingests.get(),
                  limits,
                  sources,
                  deployed.size() < udpSockets);
          deployed.add(v);
          return v;
        };
    await(
        vertx.deployVerticle(instances, new DeploymentOptions().setInstances(options.eventLoops())),
        name + " listener on " + address + " (udp+tcp)");
    ListenAddress bound = deployed.get(0).boundAddress();
    new UdpReceiveDrops(input.label(), bound.port()).bindTo(registry);
    LOG.info(
        "{} listener on {} (udp+tcp), {} UDP socket(s), sources allowed: {}",
        name,
        bound,
        udpSockets,
        sources);
    return bound;
  }

  /** Waits for a deployment; the exception says what could not start and why. */
  public static void await(Future<?> future, String what) {
    try {
      future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      throw new ListenException(
          "cannot start " + what + ": " + (cause.getMessage() != null ? cause.getMessage() : cause),
          cause);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new ListenException("cannot start " + what + ": timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ListenException("interrupted while starting " + what, e);
    }
  }
}
