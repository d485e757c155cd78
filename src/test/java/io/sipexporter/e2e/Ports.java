package io.sipexporter.e2e;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Free loopback ports for the processes a test starts. They come from below the kernel's ephemeral
 * range (Linux ip_local_port_range, 32768-60999 by default): a port the kernel handed out for port
 * 0 could be taken by any outgoing socket (a scrape, sipp, a test's client) between this pick and
 * the peer's bind, which once made Kamailio fail with "Address already in use". Each port is handed
 * out once per JVM.
 */
public final class Ports {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final int FIRST = 20_000;
  private static final int LAST = 32_767;
  private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();
  private static final Random RANDOM = new Random(); // JVMs running side by side pick apart

  private Ports() {}

  /** A port free for both UDP and TCP on 127.0.0.1 (SIP listeners bind both). */
  public static int freeUdpAndTcp() {
    return pick(true);
  }

  /** A TCP port free on 127.0.0.1. */
  public static int freeTcp() {
    return pick(false);
  }

  private static int pick(boolean udpToo) {
    for (int attempt = 0; attempt < 500; attempt++) {
      int port = FIRST + RANDOM.nextInt(LAST - FIRST + 1);
      if (GIVEN.add(port) && tcpFree(port) && !(udpToo && udpBound(port))) {
        return port;
      }
    }
    throw new IllegalStateException("no free port in " + FIRST + "-" + LAST + " after 500 tries");
  }

  private static boolean tcpFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(LOOPBACK, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether some process accepts TCP connections on 127.0.0.1:{@code port}. */
  public static boolean tcpListening(int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new InetSocketAddress(LOOPBACK, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether some process has bound UDP {@code port} on 127.0.0.1. */
  public static boolean udpBound(int port) {
    return udpBound(LOOPBACK.getHostAddress(), port);
  }

  /**
   * Whether some process has bound UDP {@code port} on {@code address}, e.g. a peer on the loopback
   * alias 127.0.0.2 (Linux answers all of 127.0.0.0/8 on lo).
   */
  public static boolean udpBound(String address, int port) {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, port))) {
      return false;
    } catch (SocketException e) {
      return true;
    }
  }
}
