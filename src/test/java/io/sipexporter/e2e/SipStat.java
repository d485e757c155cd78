package io.sipexporter.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code tshark -r FILE -q -z sip,stat} counts: requests by method ({@code "INVITE"}) and
 * responses by status code ({@code "200"}), in one map, as the reference a capture reader is
 * compared with.
 *
 * <pre>{@code
 * Map<String, Integer> expected = SipStat.of(dir, capture, "udp", 5060);
 * }</pre>
 */
public final class SipStat {
  private static final Pattern STATUS = Pattern.compile("^\\s+SIP (\\d{3}) .*:\\s+(\\d+) Packets");
  private static final Pattern METHOD = Pattern.compile("^\\s+([A-Z]+)\\s+:\\s+(\\d+) Packets");

  private SipStat() {}

  /**
   * Counts the SIP in {@code capture}, decoding {@code proto} ({@code udp} or {@code tcp}) port
   * {@code port} as SIP besides tshark's own port 5060 and heuristics.
   */
  public static Map<String, Integer> of(Path dir, Path capture, String proto, int port) {
    Path out = dir.resolve("sip-stat-" + capture.getFileName() + ".txt");
    List<String> command =
        new ArrayList<>(
            List.of(
                Tool.TSHARK.path(),
                "-r",
                capture.toString(),
                "-d",
                proto + ".port==" + port + ",sip",
                "-q",
                "-z",
                "sip,stat"));
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(
          Duration.ofMinutes(2).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("tshark -z sip,stat on " + capture + " took over 120s");
      }
      // exit code ignored: a truncated capture ends with an error after the statistics
      return parse(Files.readAllLines(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted reading " + capture, e);
    }
  }

  /** Parses the text of a {@code sip,stat} report. */
  static Map<String, Integer> parse(List<String> lines) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String line : lines) {
      Matcher m = STATUS.matcher(line);
      if (!m.find()) {
        m = METHOD.matcher(line);
        if (!m.find()) {
          continue;
        }
      }
      counts.merge(m.group(1), Integer.parseInt(m.group(2)), Integer::sum);
    }
    return counts;
  }
}
