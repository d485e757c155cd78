package io.sipexporter.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Samples parsed from the Prometheus text exposition format, enough to compare counts. */
public final class Samples {
  /** One sample line: metric name, labels, value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private Samples(List<Sample> samples) {
    this.samples = samples;
  }

  /** Parses a {@code /metrics} body (format 0.0.4); comments and blank lines are skipped. */
  public static Samples parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      samples.add(parseLine(line));
    }
    return new Samples(samples);
  }

  private static Sample parseLine(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    Map<String, String> labels = new LinkedHashMap<>();
    String name;
    int rest;
    if (brace >= 0 && brace < space) {
      name = line.substring(0, brace);
      int i = brace + 1;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String key = line.substring(i, eq).trim();
        StringBuilder value = new StringBuilder();
        int j = eq + 2; // skip ="
        while (line.charAt(j) != '"') {
          char c = line.charAt(j);
          if (c == '\\') {
            char next = line.charAt(++j);
            value.append(next == 'n' ? '\n' : next);
          } else {
            value.append(c);
          }
          j++;
        }
        labels.put(key, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      rest = i + 1;
    } else {
      name = line.substring(0, space);
      rest = space;
    }
    String[] valueAndTimestamp = line.substring(rest).trim().split(" ");
    return new Sample(name, labels, Double.parseDouble(valueAndTimestamp[0]));
  }

  /** The sum of every sample of {@code name} whose labels include {@code match}. */
  public double sum(String name, Map<String, String> match) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .filter(s -> s.labels().entrySet().containsAll(match.entrySet()))
        .mapToDouble(Sample::value)
        .sum();
  }

  /** The samples of {@code name}. */
  public List<Sample> named(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /**
   * {@code sip_responses_total} and {@code sip_requests_total} as {@link SipCounts}, zero samples
   * left out, to compare with what tshark counted.
   */
  public SipCounts sipCounts() {
    SipCounts counts = new SipCounts();
    for (Sample s : named("sip_responses_total")) {
      if (s.value() > 0) {
        counts.add(s.labels().get("method") + " " + s.labels().get("code"), (long) s.value());
      }
    }
    for (Sample s : named("sip_requests_total")) {
      if (s.value() > 0) {
        counts.add(s.labels().get("method"), (long) s.value());
      }
    }
    return counts;
  }
}
