package io.sipexporter.net;

import io.sipexporter.core.DurationFormat;
import java.time.Duration;

/**
 * The tunables of a SIP or HEP listener, each the value of one {@code --sip.*} flag, whose default
 * and range are stated here and nowhere else: the constructor rejects a value out of range with a
 * message naming the flag.
 *
 * @param maxMessageBytes the largest message accepted on a TCP stream
 * @param udpReceiveBufferBytes SO_RCVBUF asked for on UDP sockets (the kernel caps it at
 *     net.core.rmem_max unless the process has CAP_NET_ADMIN: {@link ReceiveBuffer})
 * @param tcpMaxConnections how many TCP connections may be open at once
 * @param tcpIdleTimeout how long a TCP peer may go without delivering a whole message
 * @param eventLoops how many event loops (and, with epoll, UDP sockets) read the input; 0 given
 *     means one per CPU, and reads back as that number
 */
public record ListenerOptions(
    int maxMessageBytes,
    int udpReceiveBufferBytes,
    int tcpMaxConnections,
    Duration tcpIdleTimeout,
    int eventLoops) {

  public static final int DEFAULT_MAX_MESSAGE_BYTES = 65535;
  // a JVM pauses (scrapes, JIT, GC) on a busy core: 32 MiB rides out ~30 ms of 350k datagrams/s
  public static final int DEFAULT_UDP_RECEIVE_BUFFER_BYTES = 32 << 20;
  public static final int DEFAULT_TCP_MAX_CONNECTIONS = 1024;
  public static final String DEFAULT_TCP_IDLE_TIMEOUT = "10m";

  /** The default of {@code --sip.event-loops}: one per CPU. */
  public static final int DEFAULT_EVENT_LOOPS = 0;

  /** The ranges of the flags. */
  public static final int MIN_MAX_MESSAGE_BYTES = 256;

  public static final int MAX_MAX_MESSAGE_BYTES = 16 << 20;
  public static final int MIN_UDP_RECEIVE_BUFFER_BYTES = 4096;
  public static final int MAX_EVENT_LOOPS = 256;

  /** Checks every value against its flag's range; the message names the flag. */
  public ListenerOptions {
    checkMaxMessageBytes(maxMessageBytes);
    if (udpReceiveBufferBytes < MIN_UDP_RECEIVE_BUFFER_BYTES) {
      throw new IllegalArgumentException(
          "--sip.udp-receive-buffer-bytes must be at least "
              + MIN_UDP_RECEIVE_BUFFER_BYTES
              + ", not "
              + udpReceiveBufferBytes);
    }
    if (tcpMaxConnections < 1) {
      throw new IllegalArgumentException(
          "--sip.tcp-max-connections must be at least 1, not " + tcpMaxConnections);
    }
    if (tcpIdleTimeout == null || tcpIdleTimeout.isNegative() || tcpIdleTimeout.isZero()) {
      throw new IllegalArgumentException(
          "--sip.tcp-idle-timeout must be more than 0, not "
              + (tcpIdleTimeout == null ? "none" : DurationFormat.format(tcpIdleTimeout)));
    }
    int cpus = Runtime.getRuntime().availableProcessors();
    // one per CPU is taken even past the maximum, as the copies withX makes hold it
    if (eventLoops < 0 || eventLoops > Math.max(MAX_EVENT_LOOPS, cpus)) {
      throw new IllegalArgumentException(
          "--sip.event-loops must be 0 (one per CPU) to "
              + MAX_EVENT_LOOPS
              + ", not "
              + eventLoops);
    }
    if (eventLoops == 0) {
      eventLoops = cpus;
    }
  }

  /**
   * {@code --sip.max-message-bytes}, which {@code replay} takes too: the value, or the exception
   * naming the flag and its range.
   */
  public static int checkMaxMessageBytes(int value) {
    if (value < MIN_MAX_MESSAGE_BYTES || value > MAX_MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException(
          "--sip.max-message-bytes must be between "
              + MIN_MAX_MESSAGE_BYTES
              + " and "
              + MAX_MAX_MESSAGE_BYTES
              + ", not "
              + value);
    }
    return value;
  }

  /** The defaults the README documents. */
  public static ListenerOptions defaults() {
    return new ListenerOptions(
        DEFAULT_MAX_MESSAGE_BYTES,
        DEFAULT_UDP_RECEIVE_BUFFER_BYTES,
        DEFAULT_TCP_MAX_CONNECTIONS,
        DurationFormat.parse(DEFAULT_TCP_IDLE_TIMEOUT),
        DEFAULT_EVENT_LOOPS);
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
