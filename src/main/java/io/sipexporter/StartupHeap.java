package io.sipexporter;

/**
 * Moves what start-up made to last (the trackers' tables, about 50 MB at the default capacities)
 * out of the young generation before any socket is open. Left young, the first collections under
 * traffic copied those tables, 30-100 ms each on a 2-core machine: long enough for a socket's
 * receive buffer to overflow at 100,000 datagrams a second, and G1 grew the heap (and the RSS, to
 * 490-730 MiB) in answer to those pauses.
 *
 * <p>It does not also shrink the heap to what is live: tried (MaxHeapFreeRatio 40 for that
 * collection), RSS stayed at 212-232 MiB instead of 282-307, but young collections came four times
 * as often and the HEP loss-free rate fell from 300k to 100-200k datagrams a second
 * (docs/benchmarks.md). An operator who wants the smaller footprint sets the heap ({@code
 * -Xmx160m}).
 */
final class StartupHeap {
  private StartupHeap() {}

  /** One full collection: what G1 makes of System.gc() unless -XX:+DisableExplicitGC. */
  static void promote() {
    System.gc();
  }
}
