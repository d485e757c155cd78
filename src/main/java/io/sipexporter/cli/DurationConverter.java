package io.sipexporter.cli;

import io.sipexporter.core.DurationFormat;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Reads durations as Prometheus writes them: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}
 * ({@link DurationFormat}).
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /**
   * Also takes zero ({@code 0}, {@code 0s}, {@code 0ms}), for options where it turns a feature off.
   */
  static final class ZeroAllowed implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return DurationFormat.parseZeroAllowed(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** Parses a positive duration; the exception names the value and the accepted forms. */
  static Duration parse(String value) {
    try {
      return DurationFormat.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
