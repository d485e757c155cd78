package io.sipexporter.core;

/**
 * A {@code host:port} to listen on, as the flags spell it: {@code :5060} (every IPv4 address),
 * {@code 127.0.0.1:5060}, {@code [::1]:5060}. Port 0 asks the system for a free port.
 */
public record ListenAddress(String host, int port) {
  /** The host used when the flag names none: every IPv4 interface. */
  public static final String ANY_HOST = "0.0.0.0";

  /** Parses a flag value; the exception message names what is wrong with it. */
  public static ListenAddress parse(String text) {
    String value = text == null ? "" : text.strip();
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is not host:port (e.g. :5060 or 127.0.0.1:5060)");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "'" + text + "': write IPv6 addresses in brackets, e.g. [::1]:5060");
    }
    return new ListenAddress(
        host.isEmpty() ? ANY_HOST : host, parsePort(text, value.substring(colon + 1)));
  }

  private static int parsePort(String text, String port) {
    try {
      int value = Integer.parseInt(port);
      if (value >= 0 && value <= 65535) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException("'" + text + "': port must be a number from 0 to 65535");
  }

  /** The same host with another port (after binding port 0). */
  public ListenAddress withPort(int newPort) {
    return new ListenAddress(host, newPort);
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
