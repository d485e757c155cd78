package io.sipexporter.net;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.socket.SocketProtocolFamily;

/**
 * Run by {@link ReceiveBufferTest} in a JVM without CAP_NET_ADMIN: reports the buffer as the
 * exporter does at start-up, then prints the bytes a socket asking {@code args[0]} is granted.
 */
final class ReceiveBufferProbe {
  private ReceiveBufferProbe() {}

  public static void main(String[] args) throws Exception {
    Epoll.ensureAvailability();
    int asked = Integer.parseInt(args[0]);
    ReceiveBuffer.report(asked);
    LinuxSocket socket = LinuxSocket.newSocketDgram(SocketProtocolFamily.INET);
    try {
      System.out.println("granted " + ReceiveBuffer.apply(socket, asked));
    } finally {
      socket.close();
    }
  }
}
