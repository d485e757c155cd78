package io.sipexporter.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Datagrams the kernel dropped on the exporter's UDP sockets because the receive buffer was full:
 * the {@code drops} column of {@code /proc/net/udp} and {@code /proc/net/udp6} for the listening
 * port, summed over every socket bound to it (one per event loop with SO_REUSEPORT).
 */
public final class UdpReceiveDrops implements MeterBinder {
  private final String input;
  private final int port;
  private final List<Path> tables;

  /** Reads the system's tables for {@code port}; {@code input} labels the meter. */
  public UdpReceiveDrops(String input, int port) {
    this(input, port, List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6")));
  }

  UdpReceiveDrops(String input, int port, List<Path> tables) {
    this.input = input;
    this.port = port;
    this.tables = tables;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    // Micrometer holds a function meter's object weakly: tie it to the registry, whose life is the
    // meter's, and let the function (held strongly) reach this reader; with `this` as the object
    // the reader was collected and the meter fell to 0 while drops went on
    FunctionCounter.builder(SipMeters.UDP_RECEIVE_DROPS.meterName(), registry, r -> read())
        .description(SipMeters.UDP_RECEIVE_DROPS.help())
        .tag("input", input)
        .register(registry);
  }

  /** The current drop count; 0 where the tables cannot be read (not Linux). */
  double read() {
    long drops = 0;
    for (Path table : tables) {
      try {
        drops += dropsOnPort(Files.readAllLines(table), port);
      } catch (IOException | RuntimeException e) {
        // no /proc (not Linux) or a format this reader does not know: report what was read
      }
    }
    return drops;
  }

  /** Sums the last column of every row whose local address has {@code port} (hex after ':'). */
  static long dropsOnPort(List<String> lines, int port) {
    long drops = 0;
    for (int i = 1; i < lines.size(); i++) { // line 0 is the header
      String[] cols = lines.get(i).trim().split("\\s+");
      if (cols.length < 13) {
        continue;
      }
      String local = cols[1];
      int colon = local.lastIndexOf(':');
      if (colon > 0 && Integer.parseInt(local.substring(colon + 1), 16) == port) {
        drops += Long.parseLong(cols[cols.length - 1]);
      }
    }
    return drops;
  }
}
