package io.sipexporter.cli;

import java.time.Duration;
import picocli.CommandLine;

/**
 * Reads durations as Prometheus writes them: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}.
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
      return "0".equals(value.strip()) ? Duration.ZERO : parse(value, true);
    }
  }

  /** Parses a positive duration; the exception names the value and the accepted forms. */
  static Duration parse(String value) {
    return parse(value, false);
  }

  private static Duration parse(String value, boolean zeroAllowed) {
    String v = value.strip();
    int split = 0;
    while (split < v.length() && Character.isDigit(v.charAt(split))) {
      split++;
    }
    if (split == 0 || split > 9) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration (a number and a unit: ms, s, m or h, e.g. 30s)");
    }
    long n = Long.parseLong(v.substring(0, split));
    Duration d =
        switch (v.substring(split)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> null;
        };
    if (d == null || (d.isZero() && !zeroAllowed)) {
      throw new CommandLine.TypeConversionException(
          "'"
              + value
              + "' is not a "
              + (zeroAllowed ? "" : "positive ")
              + "duration (a number and a unit: ms, s, m or h, e.g. 30s)");
    }
    return d;
  }
}
