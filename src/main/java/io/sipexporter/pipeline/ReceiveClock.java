package io.sipexporter.pipeline;

/**
 * Nanoseconds since the epoch for messages that carry no capture time: wall-clock anchored once,
 * then advanced by the monotonic clock, so durations between messages are exact.
 */
public final class ReceiveClock {
  private static final long BASE_EPOCH_NANOS = System.currentTimeMillis() * 1_000_000L;
  private static final long BASE_MONOTONIC = System.nanoTime();

  private ReceiveClock() {}

  /** Now, in epoch nanoseconds. */
  public static long now() {
    return BASE_EPOCH_NANOS + (System.nanoTime() - BASE_MONOTONIC);
  }
}
