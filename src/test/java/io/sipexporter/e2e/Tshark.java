package io.sipexporter.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tshark capture of SIP over UDP on the loopback interface, and the counting of what it saw.
 *
 * <pre>{@code
 * try (Tshark capture = Tshark.start(dir, proxyPort, mirrorPort)) {
 *   ... traffic ...
 *   capture.stop();
 *   SipCounts mirrored = capture.count("udp.dstport == " + mirrorPort);
 * }
 * }</pre>
 */
public final class Tshark implements AutoCloseable {
  private final RunningProcess process;
  private final Path pcap;
  private final Path dir;
  private final int[] ports;

  private Tshark(RunningProcess process, Path pcap, Path dir, int[] ports) {
    this.process = process;
    this.pcap = pcap;
    this.dir = dir;
    this.ports = ports.clone();
  }

  /** Starts capturing UDP to or from any of {@code ports} on lo; returns once capturing. */
  public static Tshark start(Path dir, int... ports) {
    Path pcap = dir.resolve("capture.pcapng");
    List<String> filter = new ArrayList<>();
    for (int port : ports) {
      filter.add("port " + port);
    }
    RunningProcess process =
        RunningProcess.start(
            "tshark",
            List.of(
                Tool.TSHARK.path(),
                "-i",
                "lo",
                "-q",
                "-f",
                "udp and (" + String.join(" or ", filter) + ")",
                "-w",
                pcap.toString()),
            dir);
    Tshark tshark = new Tshark(process, pcap, dir, ports);
    process.awaitReady(
        "tshark capturing on lo (needs root or the wireshark group: dpkg-reconfigure"
            + " wireshark-common)",
        RunningProcess.START_DEADLINE,
        () -> process.logText().contains("Capturing on"));
    return tshark;
  }

  public Path pcap() {
    return pcap;
  }

  /** Stops the capture; the file is complete afterwards. */
  public void stop() {
    process.stop();
  }

  /**
   * Counts SIP requests and responses in the capture matching a display filter. Works on the live
   * file too (dumpcap writes every packet through), which is how tests wait for the last one.
   */
  public SipCounts count(String displayFilter) {
    return count(displayFilter, false);
  }

  /**
   * As {@link #count(String)}, each retransmission counted once: a message that repeats an earlier
   * one on the same leg (same ports, Call-ID, CSeq, Via branches and status) is the same message
   * sent again, as a loaded machine does when a reply or an ACK is late.
   */
  public SipCounts countWithoutRetransmissions(String displayFilter) {
    return count(displayFilter, true);
  }

  private SipCounts count(String displayFilter, boolean withoutRetransmissions) {
    List<String> command = new ArrayList<>(List.of(Tool.TSHARK.path(), "-r", pcap.toString()));
    for (int port : ports) {
      command.addAll(List.of("-d", "udp.port==" + port + ",sip"));
    }
    command.addAll(
        List.of(
            "-Y",
            "sip && (" + displayFilter + ")",
            "-T",
            "fields",
            "-E",
            "separator=/t",
            "-e",
            "sip.CSeq.method",
            "-e",
            "sip.Status-Code",
            "-e",
            "udp.srcport",
            "-e",
            "udp.dstport",
            "-e",
            "sip.Call-ID",
            "-e",
            "sip.CSeq",
            "-e",
            "sip.Via.branch"));
    Path out = dir.resolve("tshark-read.tsv");
    Path err = dir.resolve("tshark-read.err");
    try {
      // stdout alone: tshark's warnings go to stderr and must not mix with the fields
      Process read =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!read.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        read.destroyForcibly();
        throw new AssertionError("tshark -r " + pcap + " took over 60s");
      }
      // exit code ignored: reading a live file can end "cut short", still a valid prefix
      SipCounts counts = new SipCounts();
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (String line : Files.readAllLines(out)) {
        if (withoutRetransmissions && !seen.add(line)) {
          continue;
        }
        String[] fields = line.split("\t", -1);
        if (fields.length < 2 || fields[0].isEmpty()) {
          continue;
        }
        if (fields[1].isEmpty()) {
          counts.request(fields[0]);
        } else {
          counts.response(fields[0], fields[1]);
        }
      }
      return counts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted reading " + pcap, e);
    }
  }

  /**
   * Counts the Reason values of SIP messages matching a display filter by {@code "<CSeq method>
   * <protocol> <cause>"}, e.g. {@code "BYE Q.850 16"}: tshark's SIP dissector decodes the first
   * reason value of a message's Reason header (RFC 3326).
   */
  public Map<String, Long> reasonCauses(String displayFilter) {
    Map<String, Long> counts = new TreeMap<>();
    for (String[] f :
        fields(
            "sip.Reason && (" + displayFilter + ")",
            "sip.CSeq.method",
            "sip.reason_protocols",
            "sip.reason_cause_q850",
            "sip.reason_cause_sip",
            "sip.reason_cause_other")) {
      String cause = f[2].isEmpty() ? f[3].isEmpty() ? f[4] : f[3] : f[2];
      counts.merge(f[0] + " " + f[1] + " " + cause, 1L, Long::sum);
    }
    return counts;
  }

  /**
   * The tab-separated {@code fields} of every packet matching {@code displayFilter} (add {@code sip
   * &&} for SIP only) whose first field is present, one row per packet, e.g. {@code fields("sip",
   * "sip.CSeq.method", "ip.src")}.
   */
  List<String[]> fields(String displayFilter, String... fields) {
    List<String> command = new ArrayList<>(List.of(Tool.TSHARK.path(), "-r", pcap.toString()));
    for (int port : ports) {
      command.addAll(List.of("-d", "udp.port==" + port + ",sip"));
    }
    command.addAll(List.of("-Y", displayFilter, "-T", "fields", "-E", "separator=/t"));
    for (String field : fields) {
      command.addAll(List.of("-e", field));
    }
    Path out = dir.resolve("tshark-fields.tsv");
    try {
      Process read =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(dir.resolve("tshark-fields.err").toFile())
              .start();
      if (!read.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        read.destroyForcibly();
        throw new AssertionError("tshark -r " + pcap + " took over 60s");
      }
      List<String[]> rows = new ArrayList<>();
      for (String line : Files.readAllLines(out)) {
        String[] row = line.split("\t", -1);
        if (row.length == fields.length && !row[0].isEmpty()) {
          rows.add(row);
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted reading " + pcap, e);
    }
  }

  /**
   * Writes the captured packets matching {@code displayFilter} to {@code file} (pcapng), e.g. the
   * SIP of a capture without the HEP copies beside it, for {@code replay}.
   */
  public Path save(String displayFilter, Path file) {
    int exit =
        RunningProcess.run(
            "tshark-save",
            List.of(
                Tool.TSHARK.path(),
                "-r",
                pcap.toString(),
                "-Y",
                displayFilter,
                "-w",
                file.toString()),
            dir,
            java.time.Duration.ofSeconds(60));
    if (exit != 0) {
      throw new AssertionError(
          "tshark -r " + pcap + " -Y '" + displayFilter + "' -w " + file + " exited " + exit);
    }
    return file;
  }

  /** Counts the captured packets matching a display filter, whatever they carry (HEP, ...). */
  public long frames(String displayFilter) {
    Path out = dir.resolve("tshark-frames.txt");
    try {
      Process read =
          new ProcessBuilder(
                  Tool.TSHARK.path(),
                  "-r",
                  pcap.toString(),
                  "-Y",
                  displayFilter,
                  "-T",
                  "fields",
                  "-e",
                  "frame.number")
              .redirectOutput(out.toFile())
              .redirectError(dir.resolve("tshark-frames.err").toFile())
              .start();
      if (!read.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        read.destroyForcibly();
        throw new AssertionError("tshark -r " + pcap + " took over 60s");
      }
      return Files.readAllLines(out).stream().filter(l -> !l.isBlank()).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted reading " + pcap, e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
