package io.sipexporter.metrics;

import io.sipexporter.sip.ReasonProtocol;
import io.sipexporter.sip.SipMethod;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One pipeline's counts of {@code sip_reason_causes_total}: written by that pipeline's one thread
 * with a plain increment (no lock, no compare-and-set), read by any thread when {@link
 * ReasonCounters} sums every pipeline's tally for a scrape. Rows of cause slots, by (method,
 * protocol), are made at first use.
 */
public final class ReasonTally {
  private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(long[].class);

  private final ReasonCounters counters;
  private final AtomicReferenceArray<long[]> rows = new AtomicReferenceArray<>(ReasonCounters.ROWS);

  ReasonTally(ReasonCounters counters) {
    this.counters = counters;
  }

  /**
   * Counts one Reason value (RFC 3326) of a request, or of a response to a {@code method} request:
   * {@code cause} is folded to a bounded label (see {@code docs/metrics.md}). Only the owning
   * pipeline's thread may call this.
   */
  public void cause(SipMethod method, ReasonProtocol protocol, int cause) {
    int row = ReasonCounters.row(method, protocol);
    long[] cells = rows.getPlain(row); // only this thread stores rows
    if (cells == null) {
      cells = new long[ReasonCounters.slotCount(protocol)];
      rows.setRelease(row, cells);
    }
    int slot = ReasonCounters.slot(protocol, cause);
    long n = cells[slot]; // only this thread stores cells
    CELL.setOpaque(cells, slot, n + 1);
    if (n == 0) {
      counters.register(row, slot); // the first here: the series may not be in the registry yet
    }
  }

  /** The count in one cell, from any thread. */
  long count(int row, int slot) {
    long[] cells = rows.getAcquire(row);
    return cells == null ? 0 : (long) CELL.getOpaque(cells, slot);
  }
}
