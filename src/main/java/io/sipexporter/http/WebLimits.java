package io.sipexporter.http;

import java.time.Duration;

/**
 * How much of the web server one client may hold: connections open at once, and how long a
 * connection may take to send complete request headers.
 *
 * @param maxConnections connections open at once; one more evicts the oldest idle one
 * @param readHeaderTimeout time a new connection has to send complete request headers
 */
public record WebLimits(int maxConnections, Duration readHeaderTimeout) {
  /** The README's defaults: 64 connections, 10 seconds. */
  public static final WebLimits DEFAULTS = new WebLimits(64, Duration.ofSeconds(10));

  /** The flags' ranges, which the command line checks. */
  public static final int MAX_CONNECTIONS_LIMIT = 4096;

  public static final Duration MIN_READ_HEADER_TIMEOUT = Duration.ofMillis(100);
  public static final Duration MAX_READ_HEADER_TIMEOUT = Duration.ofSeconds(30);
}
