package io.sipexporter.transaction;

import java.time.Duration;

/**
 * Table capacities and timers of a {@link TransactionTracker}, and whether its durations carry
 * exemplars; each maps to one flag.
 *
 * @param transactionCapacity {@code --transactions.capacity}: transactions one tracker (one input)
 *     holds (default 262,144; 32 bytes a slot, twice the next power of two slots: 16 MiB)
 * @param transactionTimeout {@code --transactions.timeout}: 64*T1 (RFC 3261 17.1.1.2 Timer B,
 *     17.1.2.2 Timer F; default 32 s): a request without a final response is timed out, and a
 *     completed transaction is kept this long to absorb retransmissions
 * @param inviteTimeout {@code --transactions.invite-timeout}: Timer C (RFC 3261 16.6 step 11, more
 *     than 3 min; default 180 s): how long an INVITE may wait after its last provisional
 * @param callCapacity {@code --calls.capacity}: calls and call attempts one tracker (input) holds
 *     (default 65,536; 36 bytes a slot, twice the next power of two slots: 4.5 MiB)
 * @param maxCallDuration {@code --calls.max-duration}: an answered call without a BYE ends as
 *     {@code by="timeout"} after this (default 4 h)
 * @param reorderWindow {@code --transactions.reorder-window}: how long (input time) a response
 *     whose request was not seen is held for that request to arrive late, as a relaying proxy's
 *     workers may mirror a reply before its request (default 500 ms; zero counts it unmatched at
 *     once). Up to {@link #heldResponsesCapacity()} responses are held, 40 bytes a slot.
 * @param exemplars {@code --transactions.exemplars}: the duration, post-dial-delay and call
 *     duration histograms carry the Call-ID as OpenMetrics exemplar (default off). The registry and
 *     meters are made for it ({@code io.sipexporter.metrics.CallIdExemplars}); the tracker itself
 *     does the same work either way.
 * @param maxClockSkew {@code --transactions.max-clock-skew}: a sender's timestamp (HEP, or a
 *     capture's frame time) farther than this from the receive time (a capture's running clock) is
 *     not trusted for the timers: the receive time is used and the skew counted (default 5 min, at
 *     most 24 h)
 */
public record TrackerOptions(
    int transactionCapacity,
    Duration transactionTimeout,
    Duration inviteTimeout,
    int callCapacity,
    Duration maxCallDuration,
    Duration reorderWindow,
    boolean exemplars,
    Duration maxClockSkew) {

  /** The default and the largest {@link #maxClockSkew()}. */
  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  public static final Duration MAX_MAX_CLOCK_SKEW = Duration.ofHours(24);

  /** The documented defaults. */
  public static final TrackerOptions DEFAULTS =
      new TrackerOptions(
          262_144,
          Duration.ofSeconds(32),
          Duration.ofSeconds(180),
          65_536,
          Duration.ofHours(4),
          Duration.ofMillis(500),
          false);

  /** Options with the default maximum clock skew. */
  public TrackerOptions(
      int transactionCapacity,
      Duration transactionTimeout,
      Duration inviteTimeout,
      int callCapacity,
      Duration maxCallDuration,
      Duration reorderWindow,
      boolean exemplars) {
    this(
        transactionCapacity,
        transactionTimeout,
        inviteTimeout,
        callCapacity,
        maxCallDuration,
        reorderWindow,
        exemplars,
        DEFAULT_MAX_CLOCK_SKEW);
  }

  /** Options without exemplars. */
  public TrackerOptions(
      int transactionCapacity,
      Duration transactionTimeout,
      Duration inviteTimeout,
      int callCapacity,
      Duration maxCallDuration,
      Duration reorderWindow) {
    this(
        transactionCapacity,
        transactionTimeout,
        inviteTimeout,
        callCapacity,
        maxCallDuration,
        reorderWindow,
        false);
  }

  public TrackerOptions {
    if (transactionCapacity < 1 || callCapacity < 1) {
      throw new IllegalArgumentException("capacities must be positive");
    }
    if (!positive(transactionTimeout) || !positive(inviteTimeout) || !positive(maxCallDuration)) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (reorderWindow == null
        || reorderWindow.isNegative()
        || reorderWindow.compareTo(transactionTimeout) >= 0) {
      throw new IllegalArgumentException(
          "the reorder window must be zero or more and shorter than the transaction timeout");
    }
    if (!positive(maxClockSkew) || maxClockSkew.compareTo(MAX_MAX_CLOCK_SKEW) > 0) {
      throw new IllegalArgumentException("the maximum clock skew must be more than 0, at most 24h");
    }
  }

  /** Responses held for a late request: 1/16 of the transactions, at least 64. */
  public int heldResponsesCapacity() {
    return Math.max(64, transactionCapacity / 16);
  }

  /** These options with another reorder window. */
  public TrackerOptions withReorderWindow(Duration window) {
    return new TrackerOptions(
        transactionCapacity,
        transactionTimeout,
        inviteTimeout,
        callCapacity,
        maxCallDuration,
        window,
        exemplars,
        maxClockSkew);
  }

  /** These options with exemplars on or off. */
  public TrackerOptions withExemplars(boolean on) {
    return new TrackerOptions(
        transactionCapacity,
        transactionTimeout,
        inviteTimeout,
        callCapacity,
        maxCallDuration,
        reorderWindow,
        on,
        maxClockSkew);
  }

  /** These options with another maximum clock skew. */
  public TrackerOptions withMaxClockSkew(Duration skew) {
    return new TrackerOptions(
        transactionCapacity,
        transactionTimeout,
        inviteTimeout,
        callCapacity,
        maxCallDuration,
        reorderWindow,
        exemplars,
        skew);
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }
}
