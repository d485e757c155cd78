package io.sipexporter.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The sender of the last datagram, as an address object made once: a mirror's datagrams come from
 * one or a few senders, so a socket asks for the same sender again and again and gets the same
 * object back, allocating only when the sender changes.
 */
final class SenderCache {
  private final byte[] address = new byte[16];
  private int length = -1;
  private int port = -1;
  private InetSocketAddress last;

  /**
   * The sender whose address is the first {@code length} bytes (4 or 16) of {@code raw}, port
   * {@code port}; an IPv4-mapped IPv6 address comes back as the IPv4 address. Null for a length
   * that is no address (a sender the kernel did not report).
   */
  InetSocketAddress of(byte[] raw, int length, int port) {
    if (length == this.length
        && port == this.port
        && Arrays.equals(raw, 0, length, address, 0, length)) {
      return last;
    }
    if (length != 4 && length != 16) {
      return null;
    }
    InetAddress ip;
    try {
      ip = InetAddress.getByAddress(Arrays.copyOf(raw, length));
    } catch (UnknownHostException e) {
      return null; // only for a length other than 4 or 16, excluded above
    }
    System.arraycopy(raw, 0, address, 0, length);
    this.length = length;
    this.port = port;
    this.last = new InetSocketAddress(ip, port);
    return last;
  }
}
