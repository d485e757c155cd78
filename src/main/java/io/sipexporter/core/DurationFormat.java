package io.sipexporter.core;

import java.time.Duration;

/**
 * Durations as Prometheus writes them, {@code 500ms}, {@code 30s}, {@code 10m}, {@code 4h}: read
 * from flags, environment variables and the config file, and written back in messages and defaults.
 *
 * <pre>{@code
 * Duration timeout = DurationFormat.parse("32s");
 * DurationFormat.format(Duration.ofHours(25)); // "25h"
 * }</pre>
 */
public final class DurationFormat {
  private DurationFormat() {}

  /** Parses a positive duration; the exception names the value and the accepted forms. */
  public static Duration parse(String value) {
    return parse(value, false);
  }

  /** Parses a duration that may also be zero ({@code 0}, {@code 0s}, {@code 0ms}). */
  public static Duration parseZeroAllowed(String value) {
    return "0".equals(value.strip()) ? Duration.ZERO : parse(value, true);
  }

  private static Duration parse(String value, boolean zeroAllowed) {
    String v = value.strip();
    int split = 0;
    while (split < v.length() && Character.isDigit(v.charAt(split))) {
      split++;
    }
    if (split == 0 || split > 9) {
      throw new IllegalArgumentException(
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
      throw new IllegalArgumentException(
          "'"
              + value
              + "' is not a "
              + (zeroAllowed ? "" : "positive ")
              + "duration (a number and a unit: ms, s, m or h, e.g. 30s)");
    }
    return d;
  }

  /**
   * The duration in the largest unit that states it exactly: {@code 25h}, {@code 90s}, {@code
   * 500ms}; zero is {@code 0s}; finer than a millisecond, ISO-8601 ({@code PT0.0000005S}).
   */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.toNanosPart() % 1_000_000 != 0) {
      return d.toString();
    }
    long millis = d.toMillis();
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }
}
