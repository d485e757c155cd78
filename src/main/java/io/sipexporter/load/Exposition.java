package io.sipexporter.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a {@code /metrics} body, Prometheus text format 0.0.4 or OpenMetrics 1.0 text:
 * what {@code loadgen} reads its counts from, and the one reader of the exposition in the tests.
 * client_java writes these formats but has no reader for them.
 *
 * <p>A sample line is {@code name[{label="value",...}] value [timestamp]}, in OpenMetrics
 * optionally followed by an exemplar {@code # {label="value",...} value [timestamp]}. Label values
 * unescape {@code \\}, {@code \"} and {@code \n}; values may be {@code NaN}, {@code +Inf} or {@code
 * -Inf}. Blank lines and {@code #} lines (HELP, TYPE, UNIT, EOF) are skipped.
 */
public final class Exposition {
  /**
   * One sample line: its labels in the order the line gave them, its timestamp (milliseconds in the
   * Prometheus format, seconds in OpenMetrics) and exemplar null when it has none.
   */
  public record Sample(
      String name, Map<String, String> labels, double value, Double timestamp, Exemplar exemplar) {
    /** Whether every label of {@code match} is among this sample's labels. */
    public boolean matches(Map<String, String> match) {
      return labels.entrySet().containsAll(match.entrySet());
    }
  }

  /** An OpenMetrics exemplar: its labels, value and (if given) timestamp in seconds. */
  public record Exemplar(Map<String, String> labels, double value, Double timestamp) {}

  private final List<Sample> samples;

  private Exposition(List<Sample> samples) {
    this.samples = samples;
  }

  /**
   * Parses a whole body.
   *
   * @throws IllegalArgumentException naming the line number and the line that is no sample
   */
  public static Exposition parse(String text) {
    List<Sample> samples = new ArrayList<>();
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (l.isBlank() || l.startsWith("#")) {
        continue;
      }
      try {
        samples.add(new LineReader(l).sample());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + number + ": " + e.getMessage(), e);
      }
    }
    return new Exposition(Collections.unmodifiableList(samples));
  }

  /** One sample line. */
  public static Sample parseSample(String line) {
    return new LineReader(line).sample();
  }

  /** Every sample, in the order of the body. */
  public List<Sample> samples() {
    return samples;
  }

  /** The samples of {@code name}. */
  public List<Sample> named(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The value of the sample of {@code name} with exactly {@code labels}; 0 when there is none. */
  public double value(String name, Map<String, String> labels) {
    for (Sample s : samples) {
      if (s.name().equals(name) && s.labels().equals(labels)) {
        return s.value();
      }
    }
    return 0;
  }

  /** The sum of every sample of {@code name} whose labels include {@code match}. */
  public double sum(String name, Map<String, String> match) {
    double sum = 0;
    for (Sample s : samples) {
      if (s.name().equals(name) && s.matches(match)) {
        sum += s.value();
      }
    }
    return sum;
  }

  /** A cursor over one line. */
  private static final class LineReader {
    private final String line;
    private int at;

    LineReader(String line) {
      this.line = line;
    }

    Sample sample() {
      String name = name(true);
      int afterName = at;
      spaces(false);
      Map<String, String> labels = Map.of();
      if (peek('{')) {
        labels = labels();
        spaces(true);
      } else if (at == afterName) {
        throw fail("a space");
      }
      double value = number(token());
      Double timestamp = null;
      Exemplar exemplar = null;
      spaces(false);
      if (at < line.length() && !peek('#')) {
        timestamp = number(token());
        spaces(false);
      }
      if (peek('#')) {
        at++;
        spaces(true);
        if (!peek('{')) {
          throw fail("an exemplar's labels");
        }
        Map<String, String> exemplarLabels = labels();
        spaces(true);
        double exemplarValue = number(token());
        Double exemplarTimestamp = null;
        spaces(false);
        if (at < line.length()) {
          exemplarTimestamp = number(token());
          spaces(false);
        }
        exemplar = new Exemplar(exemplarLabels, exemplarValue, exemplarTimestamp);
      }
      if (at < line.length()) {
        throw fail("the end of the line");
      }
      return new Sample(name, labels, value, timestamp, exemplar);
    }

    private Map<String, String> labels() {
      at++; // {
      Map<String, String> labels = new LinkedHashMap<>();
      spaces(false);
      while (!peek('}')) {
        String label = name(false);
        spaces(false);
        expect('=');
        spaces(false);
        expect('"');
        StringBuilder value = new StringBuilder();
        while (!peek('"')) {
          char c = next("a closing quote");
          if (c == '\\') {
            char escaped = next("an escaped character");
            switch (escaped) {
              case 'n' -> value.append('\n');
              case '\\', '"' -> value.append(escaped);
              default -> throw fail("\\\\, \\\" or \\n, not \\" + escaped);
            }
          } else {
            value.append(c);
          }
        }
        at++; // "
        if (labels.put(label, value.toString()) != null) {
          throw fail("label " + label + " once");
        }
        spaces(false);
        if (peek(',')) {
          at++;
          spaces(false);
        } else if (!peek('}')) {
          throw fail("',' or '}'");
        }
      }
      at++; // }
      return Collections.unmodifiableMap(labels);
    }

    /** A metric name ({@code colons} allowed) or a label name. */
    private String name(boolean colons) {
      int start = at;
      while (at < line.length()) {
        char c = line.charAt(at);
        boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        boolean digit = c >= '0' && c <= '9';
        if (!(letter || (colons && c == ':') || (digit && at > start))) {
          break;
        }
        at++;
      }
      if (at == start) {
        throw fail(colons ? "a metric name" : "a label name");
      }
      return line.substring(start, at);
    }

    private String token() {
      int start = at;
      while (at < line.length() && line.charAt(at) != ' ' && line.charAt(at) != '\t') {
        at++;
      }
      if (at == start) {
        throw fail("a value");
      }
      return line.substring(start, at);
    }

    private double number(String token) {
      return switch (token) {
        case "NaN" -> Double.NaN;
        case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        default -> finite(token);
      };
    }

    private double finite(String token) {
      char last = token.charAt(token.length() - 1);
      if (last != '.' && (last < '0' || last > '9')) {
        throw fail("a number, not " + token); // Double.parseDouble would take 1d, 1f, Infinity
      }
      try {
        return Double.parseDouble(token);
      } catch (NumberFormatException e) {
        throw fail("a number, not " + token);
      }
    }

    /** Skips spaces and tabs; {@code required}: at least one. */
    private void spaces(boolean required) {
      int start = at;
      while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
        at++;
      }
      if (required && at == start) {
        throw fail("a space");
      }
    }

    private boolean peek(char c) {
      return at < line.length() && line.charAt(at) == c;
    }

    private void expect(char c) {
      if (!peek(c)) {
        throw fail("'" + c + "'");
      }
      at++;
    }

    private char next(String what) {
      if (at >= line.length()) {
        throw fail(what);
      }
      return line.charAt(at++);
    }

    private IllegalArgumentException fail(String expected) {
      return new IllegalArgumentException(
          "expected " + expected + " at column " + (at + 1) + ": " + line);
    }
  }
}
