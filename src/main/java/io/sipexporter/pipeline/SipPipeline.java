package io.sipexporter.pipeline;

import io.sipexporter.core.Endpoints;
import io.sipexporter.core.ErrorReason;
import io.sipexporter.core.Input;
import io.sipexporter.core.ThrottledLog;
import io.sipexporter.core.Transport;
import io.sipexporter.metrics.LabelSets;
import io.sipexporter.metrics.NodeTable;
import io.sipexporter.metrics.ReasonTally;
import io.sipexporter.metrics.TrafficCounters;
import io.sipexporter.sip.ReasonError;
import io.sipexporter.sip.ReasonParser;
import io.sipexporter.sip.ScanResult;
import io.sipexporter.sip.SipMessage;
import io.sipexporter.sip.SipMethod;
import io.sipexporter.sip.SipScanner;
import io.sipexporter.transaction.TransactionTracker;

/**
 * Where every input ends: one SIP message in, counters out. Not thread-safe (it reuses its scanner
 * and message holder): one pipeline per event loop, all sharing one {@link TrafficCounters}.
 *
 * <pre>{@code
 * SipPipeline pipeline = new SipPipeline(counters, new TransactionTracker(txMeters, callMeters, options));
 * pipeline.accept(Input.SIP, Transport.UDP, datagram, 0, datagram.length, ReceiveClock.now());
 * }</pre>
 */
public final class SipPipeline {
  private final SipScanner scanner = new SipScanner();
  private final SipMessage message = new SipMessage();
  private final TrafficCounters counters;
  private final ReasonTally reasonTally; // this pipeline's thread is its one writer
  private final TransactionTracker tracker;
  private final PeerMap peers; // null without --peers.file
  private final ThrottledLog log = new ThrottledLog(SipPipeline.class);
  private final long maxSkewNanos;
  private boolean tracking = true;
  private long lastInputNanos;
  private long lastInputMonotonic;

  /**
   * {@code tracker} may be shared by the input's pipelines (it is thread-safe), as the counters.
   */
  public SipPipeline(TrafficCounters counters, TransactionTracker tracker) {
    this(counters, tracker, null);
  }

  /**
   * A pipeline that counts each message under its peer and direction when {@code peers} is not null
   * ({@code --peers.file}); {@code counters} must have been made with the same label sets.
   */
  public SipPipeline(TrafficCounters counters, TransactionTracker tracker, PeerMap peers) {
    this.counters = counters;
    this.reasonTally = counters.newReasonTally();
    this.tracker = tracker;
    this.peers = peers;
    this.maxSkewNanos = tracker.maxClockSkewNanos();
  }

  /**
   * The time to track a message at, when its sender stamped it {@code stampNanos} (a HEP agent's
   * clock) and it reached us at {@code referenceNanos} (receive time, or a capture's running
   * clock): the stamp, unless it is farther from the reference than {@code
   * --transactions.max-clock-skew}; then the reference, and {@code sip_exporter_clock_skew_total}
   * counts it. One agent's clock off by a year must not move the tracker's clock, which never goes
   * back.
   */
  public long trustedTime(Input input, long stampNanos, long referenceNanos) {
    if (Math.abs(stampNanos - referenceNanos) <= maxSkewNanos) {
      return stampNanos;
    }
    counters.clockSkew(input);
    return referenceNanos;
  }

  /**
   * Whether messages go to the tracker: a replay turns it off for a frame whose time it cannot
   * trust before it has a clock to put in its place. They are counted either way.
   */
  public void tracking(boolean on) {
    tracking = on;
  }

  /** True when messages are counted by peer ({@code --peers.file}). */
  public boolean hasPeers() {
    return peers != null;
  }

  /** The counters this pipeline feeds. */
  public TrafficCounters counters() {
    return counters;
  }

  /**
   * Scans and counts one message that arrived at {@code epochNanos} (capture time, or receive
   * time). Keep-alives are ignored, malformed messages counted by reason; nothing thrown by the
   * scanner escapes. The caller counts what it received.
   */
  public ScanResult accept(
      Input input, Transport transport, byte[] buf, int off, int len, long epochNanos) {
    return accept(input, transport, buf, off, len, epochNanos, NodeTable.NOT_HEP);
  }

  /**
   * As {@link #accept(Input, Transport, byte[], int, int, long)}, for a message that came in HEP
   * from capture agent {@code captureId} (the {@code node} label under {@code --hep.nodes}).
   */
  public ScanResult accept(
      Input input,
      Transport transport,
      byte[] buf,
      int off,
      int len,
      long epochNanos,
      long captureId) {
    return accept(input, transport, buf, off, len, epochNanos, captureId, Endpoints.NONE);
  }

  /**
   * As {@link #accept(Input, Transport, byte[], int, int, long, long)}, for a message whose source
   * and destination addresses are {@code ends}, as far as its input tells them (the {@code peer}
   * and {@code direction} labels under {@code --peers.file}).
   */
  public ScanResult accept(
      Input input,
      Transport transport,
      byte[] buf,
      int off,
      int len,
      long epochNanos,
      long captureId,
      Endpoints ends) {
    try {
      return scanAndCount(input, transport, buf, off, len, epochNanos, captureId, ends);
    } catch (RuntimeException e) {
      // a bug in the scanner or the tracker must cost one message, never the listener
      log.warn(
          "internal_error", "failed on a {}-byte {} message: {}", len, input.label(), e.toString());
      counters.parseError(input, ScannerInternalError.INSTANCE);
      return ScanResult.NOT_SIP;
    }
  }

  private ScanResult scanAndCount(
      Input input,
      Transport transport,
      byte[] buf,
      int off,
      int len,
      long epochNanos,
      long captureId,
      Endpoints ends) {
    ScanResult result = scanner.scan(buf, off, len, message);
    if (result == ScanResult.KEEPALIVE) {
      return result;
    }
    if (result != ScanResult.OK) {
      counters.parseError(input, result);
      log.debug(
          result.reason(),
          "malformed {} message over {}: {}",
          input.label(),
          transport.label(),
          result.reason());
      return result;
    }
    int set =
        peers == null
            ? counters.labelSets().index(captureId, LabelSets.NO_PEER, LabelSets.NO_DIRECTION)
            : peers.set(captureId, ends);
    message.labelSet(set); // its transaction is counted alike
    if (message.isRequest()) {
      counters.request(set, message.method());
    } else {
      counters.response(set, message.cseqMethod(), message.statusCode());
    }
    if (message.hasReason()) {
      countReasons(input);
    }
    if (!tracking) {
      return result;
    }
    tracker.observe(message, epochNanos);
    lastInputNanos = epochNanos;
    lastInputMonotonic = System.nanoTime();
    return result;
  }

  /**
   * RFC 3326: counts every reason value of every Reason header, by the request method (for a
   * response, the CSeq method); a malformed one is counted by why, and the next still counts.
   */
  private void countReasons(Input input) {
    SipMethod method = message.isRequest() ? message.method() : message.cseqMethod();
    ReasonParser reasons = message.reasons();
    while (reasons.next()) {
      ReasonError error = reasons.error();
      if (error == null) {
        reasonTally.cause(method, reasons.protocol(), reasons.cause());
      } else {
        counters.reasonMalformed(input, error);
      }
    }
    for (int i = message.reasonHeadersDropped(); i > 0; i--) {
      counters.reasonMalformed(input, ReasonError.TOO_MANY_HEADERS);
    }
  }

  /**
   * Lets transaction timers run while no message arrives: the input's clock is taken to have moved
   * on by the time elapsed here since its last message (capture agents' clocks may differ from
   * ours). Call from a periodic timer on this pipeline's event loop; never for file replays.
   */
  public void tick() {
    if (lastInputMonotonic != 0) {
      tracker.tick(lastInputNanos + (System.nanoTime() - lastInputMonotonic));
    }
  }

  /** The reason counted when the scanner itself fails: a bug to report, not bad input. */
  private enum ScannerInternalError implements ErrorReason {
    INSTANCE;

    @Override
    public String reason() {
      return "internal_error";
    }
  }
}
