package io.sipexporter.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.sipexporter.metrics.CallMeters;
import io.sipexporter.metrics.TrafficCounters;
import io.sipexporter.metrics.TransactionMeters;
import io.sipexporter.transaction.TrackerOptions;
import io.sipexporter.transaction.TransactionTracker;

/** A pipeline as tests and benchmarks use it: default tracking, every meter in one registry. */
public final class DefaultPipeline {
  private DefaultPipeline() {}

  /** Counters, transaction and call meters in {@code registry}; tracker at its defaults. */
  public static SipPipeline over(MeterRegistry registry) {
    return new SipPipeline(
        new TrafficCounters(registry),
        new TransactionTracker(
            new TransactionMeters(registry), new CallMeters(registry), TrackerOptions.DEFAULTS));
  }
}
