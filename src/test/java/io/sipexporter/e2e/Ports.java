package io.sipexporter.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;

/** Free loopback ports for the processes a test starts. */
public final class Ports {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private Ports() {}

  /** A port free for both UDP and TCP on 127.0.0.1 (SIP listeners bind both). */
  public static int freeUdpAndTcp() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = freeTcp();
      if (!udpBound(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no port free for both UDP and TCP after 50 attempts");
  }

  /** A TCP port free on 127.0.0.1. */
  public static int freeTcp() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(LOOPBACK, 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
      return false;
    } catch (SocketException e) {
      return true;
    }
  }
}
