package io.sipexporter;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the current thread, for fuzz targets that bound how much one input may
 * allocate (HotSpot's per-thread allocation counter; -1 on a JVM without one).
 */
public final class Allocation {
  private static final com.sun.management.ThreadMXBean THREADS = threads();

  private Allocation() {}

  /** The current thread's allocation counter; subtract two readings to measure a call. */
  public static long allocatedBytes() {
    return THREADS == null ? -1 : THREADS.getCurrentThreadAllocatedBytes();
  }

  private static com.sun.management.ThreadMXBean threads() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
        && t.isThreadAllocatedMemorySupported()) {
      t.setThreadAllocatedMemoryEnabled(true);
      return t;
    }
    return null;
  }
}
