package io.sipexporter.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The example proxies run in the foreground on loopback ports, relaying every request to {@code
 * nextHopPort}: {@code docs/kamailio/kamailio.cfg} mirrors every message as raw SIP, {@code
 * docs/kamailio/kamailio-hep.cfg} as HEP. Test configurations ({@link #startTestConfig}) route as
 * they say.
 */
public final class Kamailio implements AutoCloseable {
  /** The raw-SIP example configuration users copy, run unchanged. */
  public static final Path CONFIG = Path.of("docs/kamailio/kamailio.cfg");

  /** The HEP example configuration users copy, run unchanged. */
  public static final Path HEP_CONFIG = Path.of("docs/kamailio/kamailio-hep.cfg");

  /** How {@code kamailio-hep.cfg} sends its copies, selected with its defines. */
  public enum Hep {
    V3_UDP(3, "udp", null),
    V3_UDP_AUTH_KEY(3, "udp", "e2e-shared-secret"),
    V2_UDP(2, "udp", null),
    V3_TCP(3, "tcp", null),
    V2_TCP(2, "tcp", null);

    private final int version;
    private final String transport;
    private final String authKey;

    Hep(int version, String transport, String authKey) {
      this.version = version;
      this.transport = transport;
      this.authKey = authKey;
    }

    /** The HEPv3 auth key Kamailio sends (chunk 14), or null for none. */
    public String authKey() {
      return authKey;
    }

    public int version() {
      return version;
    }

    /** {@code udp} or {@code tcp}: the exporter's {@code transport} label for these packets. */
    public String transport() {
      return transport;
    }
  }

  private final RunningProcess process;
  private final int port;

  private Kamailio(RunningProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the raw-SIP example mirroring to {@code mirrorPort}; returns once it listens. */
  public static Kamailio start(Path dir, int port, int nextHopPort, int mirrorPort) {
    return start(
        dir,
        CONFIG,
        port,
        nextHopPort,
        0,
        List.of("-A", "MIRROR_URI=\"sip:127.0.0.1:" + mirrorPort + "\""));
  }

  /**
   * Starts the raw-SIP example as an authenticated trunk ({@code -A WITH_AUTH}): new INVITEs are
   * challenged with 407 and REGISTERs with 401 before they are relayed.
   */
  public static Kamailio startAuthenticated(Path dir, int port, int nextHopPort, int mirrorPort) {
    return start(
        dir,
        CONFIG,
        port,
        nextHopPort,
        0,
        List.of("-A", "MIRROR_URI=\"sip:127.0.0.1:" + mirrorPort + "\"", "-A", "WITH_AUTH"));
  }

  /**
   * Starts the HEP example sending to {@code hepPort} as {@code hep} says. {@code workers} is the
   * number of UDP worker processes, 0 for the config's own {@code children}: with one, a relayed
   * request's copy always leaves before the copy of its reply (see docs/kamailio/README.md).
   */
  public static Kamailio startHep(
      Path dir, int port, int nextHopPort, int hepPort, Hep hep, int workers) {
    List<String> defines = new ArrayList<>(List.of("-A", "HEP_VERSION=" + hep.version()));
    if (hep.transport().equals("tcp")) {
      defines.addAll(
          List.of(
              "-A", "WITH_HEP_TCP",
              "-A", "HEP_TCP_LISTEN=tcp:127.0.0.1:" + Ports.freeTcp(),
              "-A", "HEP_URI=\"sip:127.0.0.1:" + hepPort + ";transport=tcp\""));
    } else {
      defines.addAll(List.of("-A", "HEP_URI=\"sip:127.0.0.1:" + hepPort + "\""));
    }
    if (hep.authKey() != null) {
      defines.addAll(List.of("-A", "HEP_AUTH_KEY=\"" + hep.authKey() + "\""));
    }
    return start(dir, HEP_CONFIG, port, nextHopPort, workers, defines);
  }

  /**
   * Starts a test configuration of {@code src/test/resources/kamailio} (e.g. {@code peers-hep.cfg})
   * on udp 127.0.0.1:{@code port} with its {@code -A NAME=value} {@code defines}; returns once it
   * listens.
   */
  public static Kamailio startTestConfig(Path dir, String config, int port, List<String> defines) {
    Path file = Path.of("src/test/resources/kamailio", config);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no Kamailio test configuration " + file);
    }
    return start(dir, file, port, 0, defines); // 0: the configuration's own children
  }

  private static Kamailio start(
      Path dir, Path config, int port, int nextHopPort, int workers, List<String> defines) {
    List<String> all =
        new ArrayList<>(
            List.of("-A", "NEXT_HOP_ADDR=\"127.0.0.1\"", "-A", "NEXT_HOP_PORT=" + nextHopPort));
    all.addAll(defines);
    return start(dir, config, port, workers, all);
  }

  private static Kamailio start(
      Path dir, Path config, int port, int workers, List<String> defines) {
    Path runDir = dir.resolve("kamailio-run");
    try {
      Files.createDirectories(runDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                Tool.KAMAILIO.path(),
                "-f",
                config.toAbsolutePath().toString(),
                "-DD",
                "-E",
                "-Y",
                runDir.toString(),
                "-P",
                runDir.resolve("kamailio.pid").toString(),
                "-m",
                "32",
                "-M",
                "8",
                "-A",
                "PROXY_LISTEN=udp:127.0.0.1:" + port));
    if (workers > 0) {
      command.addAll(List.of("-n", String.valueOf(workers)));
    }
    command.addAll(defines);
    RunningProcess process =
        RunningProcess.start("kamailio", command, dir)
            .awaitReady(
                "kamailio listening on udp 127.0.0.1:" + port,
                RunningProcess.START_DEADLINE,
                () -> Ports.udpBound(port));
    return new Kamailio(process, port);
  }

  public int port() {
    return port;
  }

  public String logTail() {
    return process.logTail();
  }

  @Override
  public void close() {
    process.close();
  }
}
