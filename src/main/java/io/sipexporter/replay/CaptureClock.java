package io.sipexporter.replay;

/**
 * A capture's running clock, the reference its frame times are checked against when there is no
 * receive time: a frame stamped later than now (the wall clock) plus the maximum skew, or farther
 * than the skew behind the latest trusted frame, is not trusted, and gets the running clock's time.
 * A jump forward within the wall clock is trusted: a quiet hour in a capture is no skew. Before any
 * frame is trusted there is no running clock: such a frame gets {@link #NONE}. Not thread-safe.
 */
final class CaptureClock {
  /** No time can be given: the frame is counted, not tracked. */
  static final long NONE = Long.MIN_VALUE;

  private final long maxSkewNanos;
  private boolean started;
  private long now;

  CaptureClock(long maxSkewNanos) {
    this.maxSkewNanos = maxSkewNanos;
  }

  /** The time to read a frame stamped {@code stampNanos} at: the stamp if trusted. */
  long time(long stampNanos, long wallNanos) {
    boolean future = stampNanos - wallNanos > maxSkewNanos;
    boolean behind = started && now - stampNanos > maxSkewNanos;
    if (future || behind) {
      return started ? now : NONE;
    }
    now = started ? Math.max(now, stampNanos) : stampNanos;
    started = true;
    return stampNanos;
  }
}
