package io.sipexporter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * The live rate of a code by method, fetched from a running exporter's {@code /api/v1/codes/{code}}
 * for {@code explain --exporter URL}, as lines to append to the explanation.
 */
final class LiveRates {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private LiveRates() {}

  /** The {@code live} object of the exporter's answer; throws IOException naming what failed. */
  static JsonNode fetch(String exporter, int code) throws IOException {
    String base = exporter.endsWith("/") ? exporter.substring(0, exporter.length() - 1) : exporter;
    URI uri;
    try {
      uri = URI.create(base + "/api/v1/codes/" + code);
    } catch (IllegalArgumentException e) {
      throw new IOException("'" + exporter + "' is not a URL");
    }
    try {
      HttpResponse<String> r;
      try {
        r =
            CLIENT.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new IOException("cannot reach " + uri + ": " + e, e);
      }
      JsonNode live =
          r.statusCode() == 200 ? new ObjectMapper().readTree(r.body()).get("live") : null;
      if (live == null) {
        throw new IOException(uri + " answered " + r.statusCode() + " without a live rate");
      }
      return live;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted fetching " + uri);
    } catch (IllegalArgumentException e) {
      throw new IOException("cannot fetch " + uri + ": " + e.getMessage());
    }
  }

  /** Plain text: one line per method, the rate once the exporter has one, and the total. */
  static String text(String exporter, JsonNode live) {
    StringBuilder out = new StringBuilder("\nLive rate by method (").append(exporter).append(")\n");
    JsonNode methods = live.path("methods");
    if (methods.isEmpty()) {
      return out.append("  none counted since the exporter started\n").toString();
    }
    String window = String.format(Locale.ROOT, "%.0f s", live.path("windowSeconds").asDouble());
    for (JsonNode m : methods) {
      JsonNode rate = m.path("perSecond");
      out.append(String.format(Locale.ROOT, "  %-10s ", m.path("method").asText()))
          .append(
              rate.isNumber()
                  ? String.format(Locale.ROOT, "%.3f/s over %s", rate.asDouble(), window)
                  : "rate after " + window)
          .append(", ")
          .append(m.path("total").asLong())
          .append(" since start\n");
    }
    return out.toString();
  }
}
