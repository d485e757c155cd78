package io.sipexporter.core;

import java.net.InetSocketAddress;

/**
 * How one input's bytes become SIP messages for the pipeline: a datagram at a time, or a TCP stream
 * framed into messages. One instance per event loop; streams are per connection.
 */
public interface Ingest {
  /** Handles one UDP datagram. Never throws on any input. */
  void datagram(byte[] buf, int off, int len);

  /**
   * Handles one UDP datagram from {@code sender}; inputs that can use the sender's address (raw SIP
   * copies, for {@code --peers.file}) override this.
   */
  default void datagram(byte[] buf, int off, int len, InetSocketAddress sender) {
    datagram(buf, off, len);
  }

  /**
   * Lets time-based state (transaction timers) advance while no input arrives; called every second.
   */
  void tick();

  /** A framer for one new TCP connection. */
  Stream openStream();

  /** One TCP connection's framing state. */
  interface Stream {
    /**
     * Frames the next bytes and hands on every whole message; null while the stream is healthy,
     * else the reason it is dead (counted already): the connection must be closed.
     */
    ErrorReason feed(byte[] buf, int off, int len);

    /**
     * The connection closed (by the peer, idle, or shutdown): a message it cut short is counted as
     * {@link StreamLoss#TRUNCATED_AT_CLOSE}. Call once.
     */
    void close();

    /** When the last whole message came out of this stream ({@link System#nanoTime()}). */
    long lastMessageNanos();
  }
}
