package io.sipexporter.transaction;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many entries the tables of one tracker's shards may hold together, so the configured capacity
 * is the capacity however the keys spread over the shards. Thread-safe.
 */
final class SharedCapacity {
  private final int max;
  private final AtomicInteger used = new AtomicInteger();

  SharedCapacity(int max) {
    this.max = max;
  }

  /** Takes one entry's room; false, taking nothing, when all {@code max} are taken. */
  boolean tryTake() {
    if (used.incrementAndGet() <= max) {
      return true;
    }
    used.decrementAndGet();
    return false;
  }

  /** Takes one entry's room over the maximum: a table whose window has no entry to drop. */
  void take() {
    used.incrementAndGet();
  }

  void give() {
    used.decrementAndGet();
  }

  int used() {
    return used.get();
  }

  /** The entries all shards may hold together. */
  int max() {
    return max;
  }
}
