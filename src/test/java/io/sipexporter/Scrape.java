package io.sipexporter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: fetches a Prometheus text exposition over HTTP and reads its samples. */
public final class Scrape {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)(\\s+\\S+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /**
   * HTTP/1.1 only: the JDK client's h2c upgrade attempt can leave a request hanging past its
   * timeout.
   */
  public static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final Map<String, Double> samples;

  private Scrape(Map<String, Double> samples) {
    this.samples = samples;
  }

  /** GETs {@code url} and parses the exposition. */
  public static Scrape of(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(url + " answered " + response.statusCode());
    }
    return parse(response.body());
  }

  /** Parses exposition text; keys are {@code name{k="v",...}} with labels sorted by key. */
  public static Scrape parse(String text) {
    Map<String, Double> samples = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a sample line: " + line);
      }
      Map<String, String> labels = new TreeMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      samples.put(key(m.group(1), labels), Double.parseDouble(m.group(4)));
    }
    return new Scrape(samples);
  }

  /** The value of a sample, 0 when absent; labels given as k1, v1, k2, v2, ... */
  public double value(String name, String... labelPairs) {
    Map<String, String> labels = new TreeMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      labels.put(labelPairs[i], labelPairs[i + 1]);
    }
    return samples.getOrDefault(key(name, labels), 0.0);
  }

  /** {@code sip_responses_total} for one method and code (the class follows from the code). */
  public double responses(String method, int code) {
    return byCode("sip_responses_total", method, code);
  }

  /** {@code sip_transactions_total} for one method and final code. */
  public double transactions(String method, int code) {
    return byCode("sip_transactions_total", method, code);
  }

  private double byCode(String name, String method, int code) {
    return value(
        name, "method", method, "code", Integer.toString(code), "class", code / 100 + "xx");
  }

  /** The sum of every sample of {@code name}, whatever its labels. */
  public double sum(String name) {
    double total = 0;
    for (Map.Entry<String, Double> e : samples.entrySet()) {
      if (e.getKey().equals(name) || e.getKey().startsWith(name + "{")) {
        total += e.getValue();
      }
    }
    return total;
  }

  /** Every sample, one per line, for assertion messages. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    new java.util.TreeMap<>(samples)
        .forEach((k, v) -> b.append(k).append(' ').append(v).append('\n'));
    return b.toString();
  }

  private static String key(String name, Map<String, String> labels) {
    if (labels.isEmpty()) {
      return name;
    }
    StringBuilder b = new StringBuilder(name).append('{');
    labels.forEach((k, v) -> b.append(k).append("=\"").append(v).append("\","));
    b.setLength(b.length() - 1);
    return b.append('}').toString();
  }
}
