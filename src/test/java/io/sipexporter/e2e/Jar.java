package io.sipexporter.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way a test runs the shaded jar ({@code -Dexporter.jar}, set by failsafe) as a process:
 * the exporter ({@link Exporter} starts it through here) and every subcommand. Every launch is
 *
 * <pre>{@code
 * env --default-signal=INT <java.home>/bin/java -Xmx128m [jvm flags] -jar <jar> [args]
 * }</pre>
 *
 * A shell without job control (a CI script's background job) starts its children with SIGINT
 * ignored, and a JVM rightly keeps ignoring it, as a nohup'd daemon should: {@code env} gives the
 * jar the disposition an operator's terminal or a container runtime gives it, so SIGINT behaves as
 * in production in every test. {@code env} execs java: the process's pid is the JVM's.
 *
 * <pre>{@code
 * try (RunningProcess replay = Jar.args("replay", file).stdoutApart().start("replay", dir)) {
 *   int exit = replay.awaitExit(Duration.ofSeconds(60));
 *   String json = replay.stdout();
 * }
 * }</pre>
 */
public final class Jar {
  private final List<String> args;
  private final List<String> jvmFlags = new ArrayList<>(List.of("-Xmx128m"));
  private final Map<String, String> env = new LinkedHashMap<>();
  private boolean stdoutApart;
  private boolean stdinPipe;

  private Jar(List<String> args) {
    this.args = List.copyOf(args);
  }

  /** The jar with these arguments. */
  public static Jar args(String... args) {
    return new Jar(List.of(args));
  }

  /** The jar with these arguments. */
  public static Jar args(List<String> args) {
    return new Jar(args);
  }

  /** JVM flags after the default {@code -Xmx128m}. */
  public Jar jvm(String... flags) {
    jvmFlags.addAll(List.of(flags));
    return this;
  }

  /** An environment variable added to the test's environment. */
  public Jar env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /**
   * Stdout to its own file, read by {@link RunningProcess#stdout()}; the log keeps stderr alone
   * ({@link RunningProcess#stderr()}).
   */
  public Jar stdoutApart() {
    stdoutApart = true;
    return this;
  }

  /** Standard input a pipe the test writes ({@link RunningProcess#stdin()}), not /dev/null. */
  public Jar stdinPipe() {
    stdinPipe = true;
    return this;
  }

  /** The command line. */
  public List<String> command() {
    List<String> command = new ArrayList<>();
    command.add("env");
    command.add("--default-signal=INT");
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-jar");
    command.add(path().toString());
    command.addAll(args);
    return command;
  }

  /** Starts the jar in {@code dir}, logging to {@code dir/<name>.log}. */
  public RunningProcess start(String name, Path dir) {
    return RunningProcess.start(name, command(), dir, env, stdoutApart, stdinPipe);
  }

  /** Runs the jar to completion within {@code timeout}; returns its exit code. */
  public int run(String name, Path dir, Duration timeout) {
    try (RunningProcess p = start(name, dir)) {
      return p.awaitExit(timeout);
    }
  }

  /** The jar under test; fails if failsafe did not pass it or {@code package} did not build it. */
  public static Path path() {
    String jar = System.getProperty("exporter.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new AssertionError(
          "exporter jar not found (-Dexporter.jar="
              + jar
              + "): run mvn -B verify, which"
              + " builds target/sip-exporter.jar before the integration tests");
    }
    return Path.of(jar);
  }
}
