package io.sipexporter.net;

import io.netty.channel.ChannelException;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.unix.Socket;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP receive buffer: set on each socket, and reported at start-up as granted. Linux caps
 * SO_RCVBUF at {@code net.core.rmem_max}, silently, and a small buffer is the first cause of loss
 * (208 KiB on a stock kernel holds about half a millisecond at 375,000 datagrams a second). A
 * process with CAP_NET_ADMIN (root, as in most containers) may set SO_RCVBUFFORCE past that cap, as
 * systemd-journald does for its sockets: where SO_RCVBUF is capped the exporter asks again with it,
 * and warns with the sysctl to run only when that is refused too.
 */
public final class ReceiveBuffer {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiveBuffer.class);
  private static final Path RMEM_MAX = Path.of("/proc/sys/net/core/rmem_max");

  /** SOL_SOCKET and SO_RCVBUFFORCE of Linux on x86_64 and aarch64 (asm-generic/socket.h). */
  private static final int SOL_SOCKET = 1;

  private static final int SO_RCVBUFFORCE = 33;

  private ReceiveBuffer() {}

  /**
   * Gives {@code socket} a receive buffer of {@code bytes}, past {@code net.core.rmem_max} where
   * the process may; returns the bytes granted (what the kernel reports, halved: it doubles the
   * value asked for, for its own bookkeeping).
   */
  static int apply(Socket socket, int bytes) throws IOException {
    socket.setReceiveBufferSize(bytes);
    if (socket.getReceiveBufferSize() / 2 < bytes) {
      try {
        socket.setIntOpt(SOL_SOCKET, SO_RCVBUFFORCE, bytes);
      } catch (IOException | ChannelException e) {
        // EPERM without CAP_NET_ADMIN (Netty reports it unchecked): the capped size stays, and
        // report() says so
      }
    }
    return socket.getReceiveBufferSize() / 2;
  }

  /** Logs the size each UDP socket gets, and a warning with the fix when the kernel caps it. */
  public static void report(int requestedBytes) {
    long granted = probe(requestedBytes);
    long max = kernelMax();
    if (granted >= requestedBytes) {
      LOG.info(
          "UDP receive buffer: {} bytes per socket{}",
          requestedBytes,
          max > 0 && requestedBytes > max
              ? " (above net.core.rmem_max " + max + ": SO_RCVBUFFORCE, CAP_NET_ADMIN)"
              : "");
    } else {
      LOG.warn(
          "UDP receive buffer: asked for {} bytes, the kernel grants {} (net.core.rmem_max, and no "
              + "CAP_NET_ADMIN to go past it); raise it with: sysctl -w net.core.rmem_max={}",
          requestedBytes,
          granted,
          requestedBytes);
    }
  }

  /**
   * What a UDP socket asking {@code bytes} gets here: a throwaway socket set the way the receivers
   * set theirs (with epoll), else {@code net.core.rmem_max} as the cap.
   */
  private static long probe(int bytes) {
    if (Epoll.isAvailable()) {
      LinuxSocket socket = LinuxSocket.newSocketDgram(SocketProtocolFamily.INET);
      try {
        return apply(socket, bytes);
      } catch (IOException e) {
        LOG.debug("probing the UDP receive buffer: {}", e.toString());
      } finally {
        try {
          socket.close();
        } catch (IOException e) {
          LOG.debug("closing the probe socket: {}", e.toString());
        }
      }
    }
    long max = kernelMax();
    return max > 0 ? Math.min(max, bytes) : bytes;
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
