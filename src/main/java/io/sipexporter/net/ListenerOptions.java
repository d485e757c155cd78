package io.sipexporter.net;

import java.time.Duration;

/**
 * The tunables of a SIP or HEP listener.
 *
 * @param maxMessageBytes the largest message accepted on a TCP stream
 * @param udpReceiveBufferBytes SO_RCVBUF asked for on UDP sockets (the kernel caps it at
 *     net.core.rmem_max)
 * @param tcpMaxConnections how many TCP connections may be open at once
 * @param tcpIdleTimeout how long a TCP peer may go without delivering a whole message
 * @param eventLoops how many event loops (and, with epoll, UDP sockets) read the input
 */
public record ListenerOptions(
    int maxMessageBytes,
    int udpReceiveBufferBytes,
    int tcpMaxConnections,
    Duration tcpIdleTimeout,
    int eventLoops) {

  /** The defaults the README documents. */
  public static ListenerOptions defaults() {
    return new ListenerOptions(
        65535, 4 << 20, 1024, Duration.ofMinutes(10), Runtime.getRuntime().availableProcessors());
  }

  public ListenerOptions withMaxMessageBytes(int value) {
    return new ListenerOptions(
        value, udpReceiveBufferBytes, tcpMaxConnections, tcpIdleTimeout, eventLoops);
  }

  public ListenerOptions withTcpIdleTimeout(Duration value) {
    return new ListenerOptions(
        maxMessageBytes, udpReceiveBufferBytes, tcpMaxConnections, value, eventLoops);
  }

  public ListenerOptions withTcpMaxConnections(int value) {
    return new ListenerOptions(
        maxMessageBytes, udpReceiveBufferBytes, value, tcpIdleTimeout, eventLoops);
  }

  public ListenerOptions withEventLoops(int value) {
    return new ListenerOptions(
        maxMessageBytes, udpReceiveBufferBytes, tcpMaxConnections, tcpIdleTimeout, value);
  }
}
