package io.sipexporter.cli;

import io.sipexporter.http.WebLimits;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The web server's connection limits; a value out of range is a usage error (exit 2), named by
 * picocli with the flag.
 */
final class WebLimitFlags {
  @Option(
      names = "--web.max-connections",
      paramLabel = "N",
      defaultValue = "${env:SIP_EXPORTER_WEB_MAX_CONNECTIONS:-64}",
      converter = MaxConnections.class,
      description =
          "Web connections open at once, 1 to 4096; one more closes the oldest idle one, counted (default ${DEFAULT-VALUE}; env SIP_EXPORTER_WEB_MAX_CONNECTIONS).")
  int maxConnections;

  @Option(
      names = "--web.read-header-timeout",
      paramLabel = "DURATION",
      defaultValue = "${env:SIP_EXPORTER_WEB_READ_HEADER_TIMEOUT:-10s}",
      converter = ReadHeaderTimeout.class,
      description =
          "Close a web connection whose request headers are not complete within this, 100ms to 30s, counted (default ${DEFAULT-VALUE}; env SIP_EXPORTER_WEB_READ_HEADER_TIMEOUT).")
  Duration readHeaderTimeout;

  WebLimits toLimits() {
    return new WebLimits(maxConnections, readHeaderTimeout);
  }

  static final class MaxConnections implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int n;
      try {
        n = Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number");
      }
      if (n < 1 || n > WebLimits.MAX_CONNECTIONS_LIMIT) {
        throw new CommandLine.TypeConversionException(
            "must be 1 to " + WebLimits.MAX_CONNECTIONS_LIMIT + ", not " + n);
      }
      return n;
    }
  }

  static final class ReadHeaderTimeout implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration d = DurationConverter.parse(value);
      if (d.compareTo(WebLimits.MIN_READ_HEADER_TIMEOUT) < 0
          || d.compareTo(WebLimits.MAX_READ_HEADER_TIMEOUT) > 0) {
        throw new CommandLine.TypeConversionException("must be 100ms to 30s, not " + value);
      }
      return d;
    }
  }
}
