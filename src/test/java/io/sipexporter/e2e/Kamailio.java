package io.sipexporter.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The example proxy {@code docs/kamailio/kamailio.cfg} run in the foreground on loopback ports:
 * relays every request to {@code nextHopPort} and mirrors every message to {@code mirrorPort}.
 */
public final class Kamailio implements AutoCloseable {
  /** The example configuration users copy, run unchanged. */
  public static final Path CONFIG = Path.of("docs/kamailio/kamailio.cfg");

  private final RunningProcess process;
  private final int port;

  private Kamailio(RunningProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts Kamailio and returns once it listens on {@code port}. */
  public static Kamailio start(Path dir, int port, int nextHopPort, int mirrorPort) {
    Path runDir = dir.resolve("kamailio-run");
    try {
      Files.createDirectories(runDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RunningProcess process =
        RunningProcess.start(
            "kamailio",
            List.of(
                Tool.KAMAILIO.path(),
                "-f", CONFIG.toAbsolutePath().toString(),
                "-DD", "-E",
                "-Y", runDir.toString(),
                "-P", runDir.resolve("kamailio.pid").toString(),
                "-m", "32", "-M", "8",
                "-A", "PROXY_LISTEN=udp:127.0.0.1:" + port,
                "-A", "NEXT_HOP_ADDR=\"127.0.0.1\"",
                "-A", "NEXT_HOP_PORT=" + nextHopPort,
                "-A", "MIRROR_URI=\"sip:127.0.0.1:" + mirrorPort + "\""),
            dir);
    try {
      Await.until(
          "kamailio listening on udp 127.0.0.1:" + port,
          Duration.ofSeconds(20),
          () -> {
            if (!process.isAlive()) {
              throw new AssertionError("kamailio exited\n" + process.logTail());
            }
            return Ports.udpBound(port);
          },
          process::logTail);
    } catch (RuntimeException | AssertionError e) {
      process.close();
      throw e;
    }
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
