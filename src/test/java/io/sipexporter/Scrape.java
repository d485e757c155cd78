package io.sipexporter;

import io.sipexporter.load.Exposition;
import io.sipexporter.load.Exposition.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Test helper: a {@code /metrics} body, fetched over HTTP or given, read by {@link Exposition} (the
 * one reader of the exposition, loadgen's too), with the lookups the tests make.
 */
public final class Scrape {
  /**
   * HTTP/1.1 only: the JDK client's h2c upgrade attempt can leave a request hanging past its
   * timeout.
   */
  public static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final Exposition exposition;

  private Scrape(Exposition exposition) {
    this.exposition = exposition;
  }

  /**
   * GETs {@code url} and parses the exposition; unchecked, so an {@code Await.until} condition can
   * scrape (a failure there is "not yet").
   */
  public static Scrape of(String url) {
    try {
      HttpResponse<String> response =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(url + " answered " + response.statusCode());
      }
      return parse(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted scraping " + url, e);
    }
  }

  /** Parses exposition text. */
  public static Scrape parse(String text) {
    return new Scrape(Exposition.parse(text));
  }

  /** The value of the sample with exactly these labels, 0 when absent; k1, v1, k2, v2, ... */
  public double value(String name, String... labelPairs) {
    Map<String, String> labels = new TreeMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      labels.put(labelPairs[i], labelPairs[i + 1]);
    }
    return exposition.value(name, labels);
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
    return sum(name, Map.of());
  }

  /** The sum of every sample of {@code name} whose labels include {@code match}. */
  public double sum(String name, Map<String, String> match) {
    return exposition.sum(name, match);
  }

  /** The samples of {@code name}. */
  public List<Sample> named(String name) {
    return exposition.named(name);
  }

  /** Every sample, one per line, labels sorted, for assertion messages. */
  @Override
  public String toString() {
    return exposition.samples().stream()
        .map(s -> key(s) + " " + s.value())
        .sorted()
        .collect(Collectors.joining("\n", "", "\n"));
  }

  private static String key(Sample s) {
    if (s.labels().isEmpty()) {
      return s.name();
    }
    return new TreeMap<>(s.labels())
        .entrySet().stream()
            .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
            .collect(Collectors.joining(",", s.name() + "{", "}"));
  }
}
