package io.sipexporter.e2e;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes: the one way the tests wait for a state
 * ({@link RunningProcess#awaitExit} waits for a process to end).
 *
 * <pre>{@code
 * Await.until("prometheus ready", Duration.ofSeconds(20), () -> prometheus.ready());
 * }</pre>
 */
public final class Await {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private Await() {}

  /**
   * Waits until {@code condition} is true; fails with {@code what} and {@code diagnosis} if not.
   */
  public static void until(
      String what, Duration timeout, BooleanSupplier condition, Supplier<String> diagnosis) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
        last = null;
      } catch (RuntimeException e) {
        last = e; // not ready yet (connection refused, half-written file...)
      }
      if (System.nanoTime() - deadline >= 0) {
        AssertionError failure =
            new AssertionError(
                "timed out after "
                    + timeout.toSeconds()
                    + "s waiting for "
                    + what
                    + "\n"
                    + diagnosis.get());
        if (last != null) {
          failure.initCause(last);
        }
        throw failure;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  /** Waits until {@code condition} is true. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    until(what, timeout, condition, () -> "");
  }
}
