package io.sipexporter.replay;

import io.micrometer.core.instrument.MeterRegistry;
import io.sipexporter.core.Input;
import io.sipexporter.metrics.CallIdExemplars;
import io.sipexporter.metrics.CallMeters;
import io.sipexporter.metrics.CodeLabels;
import io.sipexporter.metrics.LabelSets;
import io.sipexporter.metrics.NodeTable;
import io.sipexporter.metrics.SeriesBudget;
import io.sipexporter.metrics.SipMeters;
import io.sipexporter.metrics.TrafficCounters;
import io.sipexporter.metrics.TransactionMeters;
import io.sipexporter.pcap.CaptureFrame;
import io.sipexporter.pcap.CaptureReader;
import io.sipexporter.pcap.CaptureResult;
import io.sipexporter.pcap.PacketDecoder;
import io.sipexporter.peers.PeerTable;
import io.sipexporter.pipeline.CaptureIngest;
import io.sipexporter.pipeline.PeerMap;
import io.sipexporter.pipeline.SipPipeline;
import io.sipexporter.transaction.TrackerOptions;
import io.sipexporter.transaction.TransactionTracker;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one capture (a file, or a live {@code tcpdump -w -} on stdin) through the same pipeline,
 * counters and transaction tracker as live input, with the capture's timestamps as the only clock.
 * At the end of the capture that clock is run on past every transaction timer, so a request still
 * waiting for its final response counts as timed out, as it would on a live exporter once the
 * traffic stopped. Not thread-safe; the meters it feeds may be scraped at any time.
 *
 * <pre>{@code
 * CaptureReplay replay = new CaptureReplay(registry, TrackerOptions.DEFAULTS, 65535);
 * CaptureReplay.Outcome outcome = replay.read(Files.newInputStream(path));
 * }</pre>
 */
public final class CaptureReplay {
  private final TransactionTracker tracker;
  private final SipPipeline pipeline;
  private final CaptureClock clock;
  private final PacketDecoder packets;
  private final CaptureIngest ingest;
  private final long endTimerNanos;
  private final MeterRegistry registry;
  private final TrafficCounters counters;
  private volatile long frames;
  private volatile long first;
  private volatile long last;
  private volatile CaptureResult error;
  private volatile long openAtEnd;
  private boolean timed;

  /**
   * What reading the capture found: frames read, the capture time span, and the first error in the
   * capture's own structure (null when it was read to its end).
   */
  public record Outcome(
      long frames, long firstNanos, long lastNanos, CaptureResult captureError, long openAtEnd) {}

  public CaptureReplay(MeterRegistry registry, TrackerOptions options, int maxMessageBytes) {
    this(registry, null, options, maxMessageBytes, new NodeTable(0), null);
  }

  /**
   * A replay whose duration histograms offer Call-IDs to {@code exemplars} (the registry's span
   * context; none when null), whose requests and responses carry a {@code node} label when {@code
   * nodes} does, and which counts by peer and direction when {@code peers} is not null.
   */
  @SuppressWarnings("InvalidParam") // {@code node} is the label, not a misspelt parameter
  public CaptureReplay(
      MeterRegistry registry,
      CallIdExemplars exemplars,
      TrackerOptions options,
      int maxMessageBytes,
      NodeTable nodes,
      PeerTable peers) {
    this.registry = registry;
    // a replay reads one capture: every label set it meets gets its own series
    LabelSets sets =
        new LabelSets(nodes, peers != null, new SeriesBudget(Integer.MAX_VALUE, registry));
    this.counters = new TrafficCounters(registry, sets, CodeLabels.unbounded());
    this.tracker =
        new TransactionTracker(
            new TransactionMeters(registry, exemplars, CodeLabels.unbounded(), sets),
            new CallMeters(registry, exemplars),
            options);
    this.pipeline =
        new SipPipeline(
            counters, tracker, peers == null ? null : new PeerMap(sets, peers, registry));
    this.ingest = new CaptureIngest(pipeline, maxMessageBytes);
    this.clock = new CaptureClock(options.maxClockSkew().toNanos());
    this.packets = new PacketDecoder(ingest, ingest);
    this.endTimerNanos =
        Math.max(options.transactionTimeout().toNanos(), options.inviteTimeout().toNanos())
            + 1_000_000_000L;
  }

  /** Reads {@code in} to its end, or to the first error that stops the reader. */
  @SuppressWarnings("NonAtomicVolatileUpdate") // frames++: one writer, progress() only reads it
  public Outcome read(InputStream in) throws IOException {
    CaptureReader reader = new CaptureReader(in);
    CaptureFrame frame = new CaptureFrame();
    for (CaptureResult r; (r = reader.next(frame)) != CaptureResult.END; ) {
      if (r == CaptureResult.PACKET) {
        long nanos = time(frame);
        if (nanos != CaptureClock.NONE) {
          first = timed ? first : nanos;
          last = timed ? Math.max(last, nanos) : nanos;
          timed = true;
        }
        frames++;
        packets.decode(frame);
      } else {
        ingest.onError(r);
        error = error == null ? r : error;
      }
    }
    packets.finish();
    long timedOutBefore = timedOut();
    if (timed) {
      tracker.tick(last + endTimerNanos); // the end of the capture: every timer runs out
    }
    openAtEnd = timedOut() - timedOutBefore;
    return progress();
  }

  /**
   * The frame's time on the capture's running clock: its own unless it is skewed (counted), then
   * the running clock's, put in the frame; a frame with no time to give is counted, not tracked.
   */
  private long time(CaptureFrame frame) {
    long stamp = frame.timestampSeconds() * 1_000_000_000L + frame.timestampNanos();
    long nanos = clock.time(stamp, System.currentTimeMillis() * 1_000_000L);
    pipeline.tracking(nanos != CaptureClock.NONE);
    if (nanos != stamp) {
      counters.clockSkew(Input.PCAP);
      if (nanos != CaptureClock.NONE) {
        frame.retime(
            Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L));
      }
    }
    return nanos;
  }

  /**
   * What has been read so far; safe to call from another thread (e.g. a shutdown hook printing a
   * summary of a live capture that was interrupted), where it may lag a frame behind.
   */
  public Outcome progress() {
    return new Outcome(frames, first, last, error, openAtEnd);
  }

  /** The traffic counters this replay feeds (for the {@code /codes} pages). */
  public TrafficCounters counters() {
    return counters;
  }

  private long timedOut() {
    return (long)
        registry.find(SipMeters.TRANSACTIONS_TIMED_OUT.meterName()).counters().stream()
            .mapToDouble(c -> c.count())
            .sum();
  }
}
