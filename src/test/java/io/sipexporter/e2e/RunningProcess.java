package io.sipexporter.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * An external process started by a test, its stdout and stderr in one log file. Closing it stops
 * the process and everything it forked: SIGTERM first, SIGKILL after a grace period.
 *
 * <pre>{@code
 * try (RunningProcess p = RunningProcess.start("uas", List.of("sipp", ...), dir)
 *     .awaitReady("sipp listening", Duration.ofSeconds(20), () -> Ports.udpBound(port))) { ... }
 * }</pre>
 */
public final class RunningProcess implements AutoCloseable {
  private static final Duration GRACE = Duration.ofSeconds(5);

  /**
   * How long a peer may take to start serving: an upper bound, waited only as long as needed. A JVM
   * or Kamailio starting on a loaded 2-core machine has taken over 30 s.
   */
  public static final Duration START_DEADLINE = Duration.ofSeconds(90);

  private final String name;
  private final Process process;
  private final Path log;
  private final String header;
  private final Path out;

  private RunningProcess(String name, Process process, Path log, String header, Path out) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.header = header;
    this.out = out;
  }

  /** Starts {@code command} in {@code dir}, logging to {@code dir/<name>.log}. */
  public static RunningProcess start(String name, List<String> command, Path dir) {
    return start(name, command, dir, Map.of(), false, false);
  }

  /**
   * Starts {@code command} in {@code dir} with {@code env} added to its environment. The log,
   * {@code dir/<name>.log}, is the command line, then what the process writes to stderr and, unless
   * {@code stdoutApart}, stdout; with it stdout goes to {@code dir/<name>.out} ({@link #stdout()},
   * {@link #stderr()}). Standard input is a pipe ({@link #stdin()}) with {@code stdinPipe}, else
   * {@code /dev/null}.
   */
  static RunningProcess start(
      String name,
      List<String> command,
      Path dir,
      Map<String, String> env,
      boolean stdoutApart,
      boolean stdinPipe) {
    Path log = dir.resolve(name + ".log");
    Path out = stdoutApart ? dir.resolve(name + ".out") : null;
    String header = "$ " + String.join(" ", command) + "\n";
    try {
      Files.createDirectories(dir);
      Files.writeString(log, header);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectOutput(
                  out == null
                      ? ProcessBuilder.Redirect.appendTo(log.toFile())
                      : ProcessBuilder.Redirect.to(out.toFile()))
              .redirectInput(
                  stdinPipe
                      ? ProcessBuilder.Redirect.PIPE
                      : ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().putAll(env);
      return new RunningProcess(name, builder.start(), log, header, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  /**
   * Waits until {@code ready} holds while the process lives. If it exits first, or {@code timeout}
   * passes, stops it and fails with {@code what} and the log's tail.
   */
  public RunningProcess awaitReady(String what, Duration timeout, BooleanSupplier ready) {
    try {
      Await.until(
          what,
          timeout,
          () -> {
            if (!process.isAlive()) {
              throw new AssertionError(name + " exited\n" + logTail());
            }
            return ready.getAsBoolean();
          },
          this::logTail);
      return this;
    } catch (RuntimeException | AssertionError e) {
      close();
      throw e;
    }
  }

  /** Runs {@code command} to completion within {@code timeout}; returns its exit code. */
  public static int run(String name, List<String> command, Path dir, Duration timeout) {
    try (RunningProcess p = start(name, command, dir)) {
      return p.awaitExit(timeout);
    }
  }

  /** Waits for the process to exit by itself; fails the test if it outlives {@code timeout}. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            name + " still running after " + timeout.toSeconds() + "s\n" + logTail());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + name, e);
    }
  }

  /** Sends SIGTERM and returns at once: {@link #awaitExit} waits for the exit. */
  public void terminate() {
    process.destroy();
  }

  /** The process's standard input, when started with a pipe there. */
  public OutputStream stdin() {
    return process.getOutputStream();
  }

  /** What the process wrote to stdout, when started with stdout apart from the log. */
  public String stdout() {
    if (out == null) {
      throw new IllegalStateException(name + ": stdout is in the log");
    }
    return read(out);
  }

  /**
   * What the process wrote to stderr, when started with stdout apart: the log after its command.
   */
  public String stderr() {
    if (out == null) {
      throw new IllegalStateException(name + ": stderr is mixed with stdout in the log");
    }
    return logText().substring(header.length());
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  /** The whole log. */
  public String logText() {
    return read(log);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  /** The last lines of the log (and of stdout, when apart), for failure messages. */
  public String logTail() {
    return out == null ? tail(log) : tail(log) + "\n" + tail(out);
  }

  private static String tail(Path file) {
    List<String> lines = read(file).lines().toList();
    return "--- "
        + file
        + " (last 40 lines) ---\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** Stops the process gracefully (SIGTERM) and waits; returns its exit code. */
  public int stop() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    children.forEach(ProcessHandle::destroyForcibly);
    return process.isAlive() ? -1 : process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive() || process.descendants().findAny().isPresent()) {
      stop();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
