package io.sipexporter.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Records real sipp uac -> uas traffic on loopback with tshark, reads the capture, and compares the
 * per-(method, status code) counts with {@code tshark -z sip,stat}. Needs root (capture on lo),
 * tshark and sipp: a missing tool fails the test, it is never skipped.
 */
class PcapLiveCaptureIT {
  private static final Pattern STATUS = Pattern.compile("^\\s+SIP (\\d{3}) .*:\\s+(\\d+) Packets");
  private static final Pattern METHOD = Pattern.compile("^\\s+([A-Z]+)\\s+:\\s+(\\d+) Packets");

  @TempDir Path dir;

  @BeforeAll
  static void toolsArePresent() {
    for (String tool : List.of("/usr/bin/tshark", "/usr/bin/sipp")) {
      assertThat(Path.of(tool)).as("%s is required by this test", tool).isExecutable();
    }
  }

  @ParameterizedTest
  @CsvSource({"u1, pcapng", "u1, pcap", "t1, pcapng", "t1, pcap"})
  void readerCountsWhatTsharkCounts(String transport, String format) throws Exception {
    int port = freePort();
    Path file = dir.resolve("sipp-" + transport + "." + format);
    Process capture =
        start(
            "tshark", "-q", "-i", "lo", "-f", "port " + port, "-F", format, "-w", file.toString());
    try {
      awaitLine(capture.getErrorStream(), "Capturing on");
      Process uas =
          start(
              "sipp",
              "-sn",
              "uas",
              "-i",
              "127.0.0.1",
              "-p",
              "" + port,
              "-t",
              transport,
              "-nostdin");
      try {
        Thread.sleep(500);
        Process uac =
            start(
                "sipp",
                "-sn",
                "uac",
                "127.0.0.1:" + port,
                "-i",
                "127.0.0.1",
                "-t",
                transport,
                "-m",
                "20",
                "-r",
                "20",
                "-nostdin",
                "-timeout",
                "30s");
        assertThat(uac.waitFor(40, TimeUnit.SECONDS)).as("sipp uac finished").isTrue();
        assertThat(uac.exitValue()).as("sipp uac exit code").isZero();
        Thread.sleep(500);
      } finally {
        uas.destroy();
        uas.waitFor(10, TimeUnit.SECONDS);
      }
    } finally {
      capture.destroy(); // SIGTERM: dumpcap closes the file properly
      assertThat(capture.waitFor(20, TimeUnit.SECONDS)).as("tshark stopped").isTrue();
    }

    Map<String, Integer> expected =
        tsharkCounts(file, transport.startsWith("t") ? "tcp" : "udp", port);
    assertThat(expected).containsEntry("INVITE", 20).containsEntry("BYE", 20);
    SipCounter counted;
    try (InputStream in = Files.newInputStream(file)) {
      counted = SipCounter.read(in);
    }
    assertThat(counted.messages).isEqualTo(expected);
    assertThat(counted.errors).isEmpty();
  }

  private Map<String, Integer> tsharkCounts(Path file, String proto, int port) throws Exception {
    Process p =
        new ProcessBuilder(
                "tshark",
                "-r",
                file.toString(),
                "-d",
                proto + ".port==" + port + ",sip",
                "-q",
                "-z",
                "sip,stat")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Map<String, Integer> counts = new TreeMap<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        Matcher m = STATUS.matcher(line);
        if (m.find() || (m = METHOD.matcher(line)).find()) {
          counts.merge(m.group(1), Integer.parseInt(m.group(2)), Integer::sum);
        }
      }
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return counts;
  }

  private static Process start(String... command) throws IOException {
    return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static void awaitLine(InputStream err, String marker) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8));
    for (String line; (line = r.readLine()) != null; ) {
      if (line.contains(marker)) {
        Thread t = new Thread(() -> drain(r)); // keep reading so tshark never blocks on stderr
        t.setDaemon(true);
        t.start();
        return;
      }
    }
    throw new AssertionError("tshark exited before capturing: run as root?");
  }

  private static void drain(BufferedReader r) {
    try {
      while (r.readLine() != null) {
        // discard
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  /** A port free for both UDP and TCP on loopback right now. */
  private static int freePort() throws IOException {
    for (int i = 0; i < 50; i++) {
      try (ServerSocket tcp = new ServerSocket(0);
          DatagramSocket udp = new DatagramSocket(tcp.getLocalPort())) {
        return udp.getLocalPort();
      } catch (IOException busy) {
        // try another
      }
    }
    throw new IOException("no free port");
  }
}
