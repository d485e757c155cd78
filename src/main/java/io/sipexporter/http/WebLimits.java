package io.sipexporter.http;

import io.sipexporter.core.DurationFormat;
import java.time.Duration;

/**
 * How much of the web server one client may hold: connections open at once, and how long a
 * connection may take to send complete request headers. Each is the value of one {@code --web.*}
 * flag, whose default and range are stated here; the constructor rejects a value out of range with
 * a message naming the flag.
 *
 * @param maxConnections connections open at once; one more evicts the oldest idle one
 * @param readHeaderTimeout time a new connection has to send complete request headers
 */
public record WebLimits(int maxConnections, Duration readHeaderTimeout) {
  public static final int DEFAULT_MAX_CONNECTIONS = 64;
  public static final String DEFAULT_READ_HEADER_TIMEOUT = "10s";

  /** The flags' ranges. */
  public static final int MAX_CONNECTIONS_LIMIT = 4096;

  public static final Duration MIN_READ_HEADER_TIMEOUT = Duration.ofMillis(100);
  public static final Duration MAX_READ_HEADER_TIMEOUT = Duration.ofSeconds(30);

  /** The README's defaults: 64 connections, 10 seconds. */
  public static final WebLimits DEFAULTS =
      new WebLimits(DEFAULT_MAX_CONNECTIONS, DurationFormat.parse(DEFAULT_READ_HEADER_TIMEOUT));

  /** Checks both values against their flag's range; the message names the flag. */
  public WebLimits {
    if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS_LIMIT) {
      throw new IllegalArgumentException(
          "--web.max-connections must be 1 to "
              + MAX_CONNECTIONS_LIMIT
              + ", not "
              + maxConnections);
    }
    if (readHeaderTimeout == null
        || readHeaderTimeout.compareTo(MIN_READ_HEADER_TIMEOUT) < 0
        || readHeaderTimeout.compareTo(MAX_READ_HEADER_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "--web.read-header-timeout must be "
              + DurationFormat.format(MIN_READ_HEADER_TIMEOUT)
              + " to "
              + DurationFormat.format(MAX_READ_HEADER_TIMEOUT)
              + ", not "
              + (readHeaderTimeout == null ? "none" : DurationFormat.format(readHeaderTimeout)));
    }
  }
}
