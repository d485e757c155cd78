package io.sipexporter.transaction;

/**
 * The tracker's time: the latest input time seen, so a late or reordered message never moves it
 * back. Drives the sweep: every second of this time, each table slot is swept once, in {@link
 * #STEPS} steps of 1/64 s, so no call does more than 1/64 of the work; a jump forward of a second
 * or more runs one whole round. Not thread-safe.
 */
final class InputClock {
  static final int STEPS = 64;
  static final long STEP_NANOS = 1_000_000_000L / STEPS;

  /**
   * Sweeps step {@code step} of {@code steps}: the slots [slots*step/steps, slots*(step+1)/steps).
   */
  interface Sweep {
    void sweep(int step, int steps);
  }

  private final Sweep sweep;
  private boolean started;
  private long now;
  private long nextStep;
  private int cursor;

  InputClock(Sweep sweep) {
    this.sweep = sweep;
  }

  /** Moves the clock to {@code nanos} if later, and runs the sweep steps now due. */
  void advance(long nanos) {
    if (!started) {
      started = true;
      now = nanos;
      nextStep = nanos + STEP_NANOS;
      return;
    }
    if (nanos > now) {
      now = nanos;
    }
    if (now < nextStep) {
      return;
    }
    long due = (now - nextStep) / STEP_NANOS + 1;
    nextStep += due * STEP_NANOS;
    for (long i = Math.min(due, STEPS); i > 0; i--) {
      sweep.sweep(cursor, STEPS);
      cursor = (cursor + 1) % STEPS;
    }
  }

  /** The latest input time seen. */
  long now() {
    return now;
  }
}
