package io.sipexporter.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports at start-up the UDP receive buffer asked for and what the kernel will grant: Linux caps
 * SO_RCVBUF at {@code net.core.rmem_max}, silently, and a small buffer is the first cause of loss.
 */
public final class ReceiveBuffer {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiveBuffer.class);
  private static final Path RMEM_MAX = Path.of("/proc/sys/net/core/rmem_max");

  private ReceiveBuffer() {}

  /** Logs the requested size, and a warning when the kernel limit is lower. */
  public static void report(int requestedBytes) {
    long max = kernelMax();
    if (max > 0 && max < requestedBytes) {
      LOG.warn(
          "UDP receive buffer: asked for {} bytes, the kernel grants at most {} (net.core.rmem_max); "
              + "raise it with: sysctl -w net.core.rmem_max={}",
          requestedBytes,
          max,
          requestedBytes);
    } else {
      LOG.info("UDP receive buffer: {} bytes per socket", requestedBytes);
    }
  }

  /** {@code net.core.rmem_max} in bytes, or -1 where there is no such file (not Linux). */
  static long kernelMax() {
    // a /proc/sys file reports size 0 (and some kernels, gVisor, return one byte to a read sized
    // by it): Files.readString and readAllBytes see "4" of "4194304"; read by line instead
    try (BufferedReader in = Files.newBufferedReader(RMEM_MAX)) {
      String line = in.readLine();
      return line == null ? -1 : Long.parseLong(line.trim());
    } catch (IOException | RuntimeException e) {
      return -1; // not Linux: nothing to compare against
    }
  }
}
