package io.sipexporter.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Records real sipp traffic on loopback with tshark: {@code calls} calls of sipp's built-in uac
 * scenario (INVITE, 100, 180, 200, ACK, BYE, 200) against its built-in uas, over UDP ({@code u1})
 * or TCP ({@code t1}). Needs root (or the wireshark group) to capture on lo, tshark and sipp: a
 * missing tool fails the test, it is never skipped.
 *
 * <pre>{@code
 * SippCapture udp = SippCapture.record(dir, "u1", "pcapng", 20);
 * Map<String, Integer> expected = SipStat.of(dir, udp.file(), udp.proto(), udp.port());
 * }</pre>
 *
 * @param file the capture, complete once {@link #record} returns
 * @param port the uas port: decode it as SIP when reading the capture with tshark
 * @param proto {@code udp} or {@code tcp}
 */
public record SippCapture(Path file, int port, String proto) {

  /** Runs the calls while capturing; returns once every message of them is in the file. */
  public static SippCapture record(Path dir, String transport, String format, int calls) {
    int port = Ports.freeUdpAndTcp();
    String proto = transport.startsWith("t") ? "tcp" : "udp";
    Path file = dir.resolve("sipp-" + proto + "." + format);
    try (RunningProcess capture =
        RunningProcess.start(
            "tshark-" + proto + "-" + format,
            List.of(
                Tool.TSHARK.path(),
                "-q",
                "-i",
                "lo",
                "-f",
                "port " + port,
                "-F",
                format,
                "-w",
                file.toString()),
            dir)) {
      capture.awaitReady(
          "tshark capturing on lo (needs root or the wireshark group)",
          RunningProcess.START_DEADLINE,
          () -> capture.logText().contains("Capturing on"));
      try (RunningProcess uas =
          RunningProcess.start(
              "sipp-uas-" + proto,
              List.of(
                  Tool.SIPP.path(),
                  "-sn",
                  "uas",
                  "-i",
                  "127.0.0.1",
                  "-p",
                  "" + port,
                  "-t",
                  transport,
                  "-nostdin"),
              dir)) {
        uas.awaitReady(
            "sipp uas listening on " + proto + " 127.0.0.1:" + port,
            RunningProcess.START_DEADLINE,
            () -> proto.equals("udp") ? Ports.udpBound(port) : Ports.tcpListening(port));
        int exit =
            RunningProcess.run(
                "sipp-uac-" + proto,
                List.of(
                    Tool.SIPP.path(),
                    "-sn",
                    "uac",
                    "127.0.0.1:" + port,
                    "-i",
                    "127.0.0.1",
                    "-t",
                    transport,
                    "-m",
                    "" + calls,
                    "-r",
                    "50",
                    "-nostdin",
                    "-timeout",
                    "30s",
                    "-timeout_error"),
                dir,
                Duration.ofSeconds(60));
        if (exit != 0) {
          throw new AssertionError(
              "sipp uac exited " + exit + " (0 = every call succeeded); logs in " + dir);
        }
      }
      // the uac ends after the 200 to its last BYE: wait until tshark has written that far
      Await.until(
          calls + " calls in " + file,
          Duration.ofSeconds(30),
          () -> {
            Map<String, Integer> seen = SipStat.of(dir, file, proto, port);
            return seen.getOrDefault("BYE", 0) == calls && seen.getOrDefault("200", 0) == 2 * calls;
          },
          capture::logTail);
      capture.stop(); // SIGTERM: dumpcap closes the file properly
    }
    if (!Files.isRegularFile(file)) {
      throw new AssertionError("tshark wrote no " + file);
    }
    return new SippCapture(file, port, proto);
  }
}
