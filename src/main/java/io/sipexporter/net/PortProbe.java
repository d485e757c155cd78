package io.sipexporter.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;

/**
 * Checks a listen port before the listeners bind it with SO_REUSEPORT, which would otherwise
 * silently share a port already bound by another process of the same user (and split its traffic)
 * instead of failing.
 */
public final class PortProbe {
  private PortProbe() {}

  /**
   * The port to bind on {@code host}: {@code port} itself once it is known free for UDP, or, for 0,
   * a port the system finds free for both TCP and UDP.
   *
   * @throws IOException naming the port when it is taken
   */
  public static int choose(String host, int port) throws IOException {
    if (port != 0) {
      probeUdp(host, port);
      return port;
    }
    for (int attempt = 0; attempt < 20; attempt++) {
      int candidate;
      try (ServerSocketChannel tcp = ServerSocketChannel.open()) {
        tcp.bind(new InetSocketAddress(host, 0));
        candidate = ((InetSocketAddress) tcp.getLocalAddress()).getPort();
      }
      try {
        probeUdp(host, candidate);
        return candidate;
      } catch (IOException taken) {
        // that TCP port's UDP twin is in use: try another
      }
    }
    throw new IOException("no port free for both TCP and UDP on " + host);
  }

  private static void probeUdp(String host, int port) throws IOException {
    InetSocketAddress address = new InetSocketAddress(host, port);
    StandardProtocolFamily family =
        address.getAddress() instanceof java.net.Inet6Address
            ? StandardProtocolFamily.INET6
            : StandardProtocolFamily.INET;
    try (DatagramChannel udp = DatagramChannel.open(family)) {
      udp.bind(address);
    } catch (java.net.BindException e) {
      throw new IOException("UDP port " + port + " is already in use", e);
    }
  }
}
