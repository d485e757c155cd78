package io.sipexporter.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

  private RunningProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command} in {@code dir}, logging to {@code dir/<name>.log}. */
  public static RunningProcess start(String name, List<String> command, Path dir) {
    Path log = dir.resolve(name + ".log");
    try {
      Files.createDirectories(dir);
      Files.writeString(log, "$ " + String.join(" ", command) + "\n");
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      return new RunningProcess(name, process, log);
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
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** The last lines of the log, for failure messages. */
  public String logTail() {
    List<String> lines = logText().lines().toList();
    return "--- "
        + log
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
