package io.sipexporter.cli;

import io.sipexporter.http.WebLimits;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The web server's connection limits, parsed into {@link WebLimits}, which holds their defaults and
 * checks their ranges; a value out of range is a usage error (exit 2) naming the flag.
 */
final class WebLimitFlags {
  @Option(
      names = "--web.max-connections",
      paramLabel = "N",
      defaultValue =
          "${env:SIP_EXPORTER_WEB_MAX_CONNECTIONS:-" + WebLimits.DEFAULT_MAX_CONNECTIONS + "}",
      description =
          "Web connections open at once, 1 to 4096; one more closes the oldest idle one, counted (default ${DEFAULT-VALUE}; env SIP_EXPORTER_WEB_MAX_CONNECTIONS).")
  int maxConnections;

  @Option(
      names = "--web.read-header-timeout",
      paramLabel = "DURATION",
      defaultValue =
          "${env:SIP_EXPORTER_WEB_READ_HEADER_TIMEOUT:-"
              + WebLimits.DEFAULT_READ_HEADER_TIMEOUT
              + "}",
      converter = DurationConverter.class,
      description =
          "Close a web connection whose request headers are not complete within this, 100ms to 30s, counted (default ${DEFAULT-VALUE}; env SIP_EXPORTER_WEB_READ_HEADER_TIMEOUT).")
  Duration readHeaderTimeout;

  /** The limits; IllegalArgumentException names the flag whose value is out of range. */
  WebLimits toLimits() {
    return new WebLimits(maxConnections, readHeaderTimeout);
  }
}
