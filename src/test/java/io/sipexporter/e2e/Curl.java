package io.sipexporter.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the real {@code curl}: its exit code, the HTTP status it got (0 when none, as for a
 * failed TLS handshake), the response headers and body.
 *
 * <pre>{@code
 * Curl.Result r = Curl.get(dir, "https://127.0.0.1:10060/metrics", "--cacert", ca, "-u", "user:pw");
 * }</pre>
 */
public final class Curl {
  private static final long TIMEOUT_SECONDS = 15;

  private Curl() {}

  /** What one curl run saw. */
  public record Result(int exit, int status, String headers, String body, String stderr) {
    @Override
    public String toString() {
      return "curl exit " + exit + ", HTTP " + status + "\n" + headers + body + "\n" + stderr;
    }
  }

  /** GETs {@code url} with the extra curl {@code options}; files go to {@code dir}. */
  public static Result get(Path dir, String url, String... options) {
    try {
      Files.createDirectories(dir);
      Path body = Files.createTempFile(dir, "curl-body", ".txt");
      Path headers = Files.createTempFile(dir, "curl-headers", ".txt");
      Path stderr = Files.createTempFile(dir, "curl-stderr", ".txt");
      List<String> command =
          new ArrayList<>(
              List.of(
                  Tool.CURL.path(),
                  "--silent",
                  "--show-error",
                  // an upper bound: a TLS request to a JVM on a loaded machine took over 10 s
                  "--max-time",
                  "60",
                  "--output",
                  body.toString(),
                  "--dump-header",
                  headers.toString(),
                  "--write-out",
                  "%{http_code}"));
      command.addAll(List.of(options));
      command.add(url);
      Process process =
          new ProcessBuilder(command)
              .redirectError(stderr.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      String status =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("curl still running after " + TIMEOUT_SECONDS + "s: " + command);
      }
      return new Result(
          process.exitValue(),
          status.isEmpty() ? 0 : Integer.parseInt(status),
          Files.readString(headers, StandardCharsets.ISO_8859_1),
          Files.readString(body, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running curl", e);
    }
  }
}
