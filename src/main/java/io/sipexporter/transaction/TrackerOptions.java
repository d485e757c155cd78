package io.sipexporter.transaction;

import io.sipexporter.core.DurationFormat;
import java.time.Duration;

/**
 * Table capacities and timers of a {@link TransactionTracker}, and whether its durations carry
 * exemplars; each maps to one flag, whose default and range are stated here and nowhere else: the
 * constructor rejects a value out of range with a message naming the flag, as the user set it by
 * flag, environment variable or config file.
 *
 * <pre>{@code
 * TrackerOptions options = TrackerOptions.builder().transactionCapacity(1 << 20).build();
 * }</pre>
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

  public static final int DEFAULT_TRANSACTION_CAPACITY = 262_144;
  public static final String DEFAULT_TRANSACTION_TIMEOUT = "32s";
  public static final String DEFAULT_INVITE_TIMEOUT = "180s";
  public static final int DEFAULT_CALL_CAPACITY = 65_536;
  public static final String DEFAULT_MAX_CALL_DURATION = "4h";
  public static final String DEFAULT_REORDER_WINDOW = "500ms";
  public static final boolean DEFAULT_EXEMPLARS = false;
  public static final String DEFAULT_MAX_CLOCK_SKEW = "5m";

  /** The ranges of the capacities and of the maximum clock skew. */
  public static final int MIN_TRANSACTION_CAPACITY = 1024;

  public static final int MIN_CALL_CAPACITY = 256;
  public static final int MAX_CAPACITY = 1 << 26;
  public static final Duration MAX_MAX_CLOCK_SKEW = Duration.ofHours(24);

  /** The documented defaults. */
  public static final TrackerOptions DEFAULTS = builder().build();

  /** Checks every value against its flag's range; the message names the flag. */
  public TrackerOptions {
    if (transactionCapacity < MIN_TRANSACTION_CAPACITY || transactionCapacity > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "--transactions.capacity must be "
              + MIN_TRANSACTION_CAPACITY
              + " to "
              + MAX_CAPACITY
              + ", not "
              + transactionCapacity);
    }
    if (callCapacity < MIN_CALL_CAPACITY || callCapacity > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "--calls.capacity must be "
              + MIN_CALL_CAPACITY
              + " to "
              + MAX_CAPACITY
              + ", not "
              + callCapacity);
    }
    requirePositive("--transactions.timeout", transactionTimeout);
    requirePositive("--transactions.invite-timeout", inviteTimeout);
    requirePositive("--calls.max-duration", maxCallDuration);
    if (reorderWindow == null || reorderWindow.isNegative()) {
      throw new IllegalArgumentException(
          "--transactions.reorder-window must be 0 or more, not " + text(reorderWindow));
    }
    if (reorderWindow.compareTo(transactionTimeout) >= 0) {
      throw new IllegalArgumentException(
          "--transactions.reorder-window must be shorter than --transactions.timeout, not "
              + text(reorderWindow));
    }
    requirePositive("--transactions.max-clock-skew", maxClockSkew);
    if (maxClockSkew.compareTo(MAX_MAX_CLOCK_SKEW) > 0) {
      throw new IllegalArgumentException(
          "--transactions.max-clock-skew: '" + text(maxClockSkew) + "' is more than 24h");
    }
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    return new Builder()
        .transactionCapacity(transactionCapacity)
        .transactionTimeout(transactionTimeout)
        .inviteTimeout(inviteTimeout)
        .callCapacity(callCapacity)
        .maxCallDuration(maxCallDuration)
        .reorderWindow(reorderWindow)
        .exemplars(exemplars)
        .maxClockSkew(maxClockSkew);
  }

  /** Responses held for a late request: 1/16 of the transactions, at least 64. */
  public int heldResponsesCapacity() {
    return heldResponsesFor(transactionCapacity);
  }

  static int heldResponsesFor(int transactionCapacity) {
    return Math.max(64, transactionCapacity / 16);
  }

  /** These options with another reorder window. */
  public TrackerOptions withReorderWindow(Duration window) {
    return toBuilder().reorderWindow(window).build();
  }

  /** These options with exemplars on or off. */
  public TrackerOptions withExemplars(boolean on) {
    return toBuilder().exemplars(on).build();
  }

  /** These options with another maximum clock skew. */
  public TrackerOptions withMaxClockSkew(Duration skew) {
    return toBuilder().maxClockSkew(skew).build();
  }

  private static void requirePositive(String flag, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(flag + " must be more than 0, not " + text(d));
    }
  }

  private static String text(Duration d) {
    return d == null ? "none" : DurationFormat.format(d);
  }

  /** Options from their defaults, each value set at most once; {@link #build()} checks them. */
  public static final class Builder {
    private int transactionCapacity = DEFAULT_TRANSACTION_CAPACITY;
    private Duration transactionTimeout = DurationFormat.parse(DEFAULT_TRANSACTION_TIMEOUT);
    private Duration inviteTimeout = DurationFormat.parse(DEFAULT_INVITE_TIMEOUT);
    private int callCapacity = DEFAULT_CALL_CAPACITY;
    private Duration maxCallDuration = DurationFormat.parse(DEFAULT_MAX_CALL_DURATION);
    private Duration reorderWindow = DurationFormat.parseZeroAllowed(DEFAULT_REORDER_WINDOW);
    private boolean exemplars = DEFAULT_EXEMPLARS;
    private Duration maxClockSkew = DurationFormat.parse(DEFAULT_MAX_CLOCK_SKEW);

    private Builder() {}

    public Builder transactionCapacity(int value) {
      transactionCapacity = value;
      return this;
    }

    public Builder transactionTimeout(Duration value) {
      transactionTimeout = value;
      return this;
    }

    public Builder inviteTimeout(Duration value) {
      inviteTimeout = value;
      return this;
    }

    public Builder callCapacity(int value) {
      callCapacity = value;
      return this;
    }

    public Builder maxCallDuration(Duration value) {
      maxCallDuration = value;
      return this;
    }

    public Builder reorderWindow(Duration value) {
      reorderWindow = value;
      return this;
    }

    public Builder exemplars(boolean value) {
      exemplars = value;
      return this;
    }

    public Builder maxClockSkew(Duration value) {
      maxClockSkew = value;
      return this;
    }

    /** The options; IllegalArgumentException names the flag whose value is out of range. */
    public TrackerOptions build() {
      return new TrackerOptions(
          transactionCapacity,
          transactionTimeout,
          inviteTimeout,
          callCapacity,
          maxCallDuration,
          reorderWindow,
          exemplars,
          maxClockSkew);
    }
  }
}
