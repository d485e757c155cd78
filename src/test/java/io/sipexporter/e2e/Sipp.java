package io.sipexporter.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** sipp runs of the test scenarios in {@code src/test/resources/sipp}. */
public final class Sipp {
  private Sipp() {}

  /** A scenario file from the test classpath. */
  public static Path scenario(String name) {
    URL url = Sipp.class.getResource("/sipp/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no sipp scenario " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts the answering side (uas.xml) on {@code port}; returns once it listens. */
  public static RunningProcess startUas(Path dir, int port) {
    return startUasScenario(dir, "uas.xml", port);
  }

  /** Starts an answering scenario, e.g. {@code uas_timed.xml}, on {@code port}; awaits it. */
  public static RunningProcess startUasScenario(Path dir, String scenario, int port) {
    return startUasScenario(dir, scenario, "127.0.0.1", port);
  }

  /**
   * Starts an answering scenario on {@code address:port}, e.g. a second answerer on the loopback
   * alias 127.0.0.2; awaits it.
   */
  public static RunningProcess startUasScenario(
      Path dir, String scenario, String address, int port) {
    RunningProcess uas =
        RunningProcess.start(
            "sipp-" + scenario.replace(".xml", ""),
            List.of(
                Tool.SIPP.path(),
                "-sf",
                scenario(scenario).toString(),
                "-i",
                address,
                "-p",
                String.valueOf(port),
                "-nostdin",
                "-trace_err",
                "-trace_stat",
                "-fd",
                "1"),
            dir);
    return uas.awaitReady(
        "sipp UAS listening on udp " + address + ":" + port,
        RunningProcess.START_DEADLINE,
        () -> Ports.udpBound(address, port));
  }

  /**
   * Starts a UAC scenario in the background that places {@code total} calls at {@code calls} per
   * {@code period} against {@code targetPort}, cycling through {@code lines} ({@code
   * "<code>;<user>"}); close the process to stop it early.
   */
  public static RunningProcess startUac(
      Path dir,
      String name,
      String scenario,
      int targetPort,
      List<String> lines,
      int calls,
      Duration period,
      int total) {
    Path inf = dir.resolve(name + ".csv");
    try {
      Files.createDirectories(dir);
      List<String> content = new ArrayList<>();
      content.add("SEQUENTIAL");
      content.addAll(lines);
      Files.write(inf, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return RunningProcess.start(
        name,
        List.of(
            Tool.SIPP.path(),
            "127.0.0.1:" + targetPort,
            "-sf",
            scenario(scenario).toString(),
            "-inf",
            inf.toString(),
            "-i",
            "127.0.0.1",
            "-p",
            String.valueOf(Ports.freeUdpAndTcp()),
            "-m",
            String.valueOf(total),
            "-r",
            String.valueOf(calls),
            "-rp",
            String.valueOf(period.toMillis()),
            "-timeout",
            "300s",
            "-nostdin",
            "-trace_err"),
        dir);
  }

  /**
   * Runs one UAC scenario to completion against {@code target}: one call per line of {@code calls}
   * ({@code "<code>;<user>"}). Fails unless sipp reports every call successful.
   */
  public static void runUac(Path dir, String scenario, int targetPort, List<String> calls) {
    String name = "sipp-" + scenario.replace(".xml", "");
    int exit = runUacScenario(dir, name, scenario(scenario), targetPort, calls);
    if (exit != 0) {
      throw new AssertionError(
          name
              + " exited "
              + exit
              + " (0 = every call succeeded)\nsee "
              + dir
              + " for sipp's *_errors.log");
    }
  }

  /**
   * Runs the UAC scenario file {@code scenarioFile} against {@code targetPort}, one call per line
   * of {@code calls}; returns sipp's exit code (0 when every call succeeded).
   */
  public static int runUacScenario(
      Path dir, String name, Path scenarioFile, int targetPort, List<String> calls) {
    Path inf = dir.resolve(name + ".csv");
    try {
      Files.createDirectories(dir);
      List<String> lines = new ArrayList<>();
      lines.add("SEQUENTIAL");
      lines.addAll(calls);
      Files.write(inf, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command =
        List.of(
            Tool.SIPP.path(),
            "127.0.0.1:" + targetPort,
            "-sf",
            scenarioFile.toString(),
            "-inf",
            inf.toString(),
            "-i",
            "127.0.0.1",
            "-p",
            String.valueOf(Ports.freeUdpAndTcp()),
            "-m",
            String.valueOf(calls.size()),
            "-r",
            "20",
            "-l",
            "10",
            "-timeout",
            "30s",
            "-timeout_error",
            "-nostdin",
            "-trace_err");
    try (RunningProcess uac = RunningProcess.start(name, command, dir)) {
      int exit = uac.awaitExit(Duration.ofSeconds(45));
      if (exit != 0) {
        System.out.println(name + " exited " + exit + "\n" + uac.logTail());
      }
      return exit;
    }
  }
}
