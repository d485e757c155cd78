package io.sipexporter.cli;

import io.sipexporter.transaction.TrackerOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The transaction- and call-tracking flags, shared by the exporter and {@code replay}: table
 * capacities and timers, parsed into {@link TrackerOptions}, which holds their defaults and checks
 * their ranges.
 */
final class TrackingFlags {
  @Option(
      names = "--transactions.capacity",
      paramLabel = "N",
      defaultValue =
          "${env:SIP_EXPORTER_TRANSACTIONS_CAPACITY:-"
              + TrackerOptions.DEFAULT_TRANSACTION_CAPACITY
              + "}",
      description =
          "Open transactions tracked per input (SIP, HEP); about 64 bytes each; when full the one nearest its deadline is evicted and counted (default ${DEFAULT-VALUE}; env SIP_EXPORTER_TRANSACTIONS_CAPACITY).")
  int transactionCapacity;

  @Option(
      names = "--transactions.timeout",
      paramLabel = "DURATION",
      defaultValue =
          "${env:SIP_EXPORTER_TRANSACTIONS_TIMEOUT:-"
              + TrackerOptions.DEFAULT_TRANSACTION_TIMEOUT
              + "}",
      converter = DurationConverter.class,
      description =
          "64*T1: a request with no final response by then is timed out (default ${DEFAULT-VALUE}; env SIP_EXPORTER_TRANSACTIONS_TIMEOUT).")
  Duration transactionTimeout;

  @Option(
      names = "--transactions.invite-timeout",
      paramLabel = "DURATION",
      defaultValue =
          "${env:SIP_EXPORTER_TRANSACTIONS_INVITE_TIMEOUT:-"
              + TrackerOptions.DEFAULT_INVITE_TIMEOUT
              + "}",
      converter = DurationConverter.class,
      description =
          "Timer C: how long a ringing INVITE may wait after its last provisional response (default ${DEFAULT-VALUE}; env SIP_EXPORTER_TRANSACTIONS_INVITE_TIMEOUT).")
  Duration inviteTimeout;

  @Option(
      names = "--transactions.reorder-window",
      paramLabel = "DURATION",
      defaultValue =
          "${env:SIP_EXPORTER_TRANSACTIONS_REORDER_WINDOW:-"
              + TrackerOptions.DEFAULT_REORDER_WINDOW
              + "}",
      converter = DurationConverter.ZeroAllowed.class,
      description =
          "Hold a response whose request was not seen this long for the request to arrive late (a proxy's workers may mirror a reply first); 0 counts it unmatched at once (default ${DEFAULT-VALUE}; env SIP_EXPORTER_TRANSACTIONS_REORDER_WINDOW).")
  Duration reorderWindow;

  @Option(
      names = "--calls.capacity",
      paramLabel = "N",
      defaultValue =
          "${env:SIP_EXPORTER_CALLS_CAPACITY:-" + TrackerOptions.DEFAULT_CALL_CAPACITY + "}",
      description =
          "Calls and call attempts tracked per input; about 72 bytes each (default ${DEFAULT-VALUE}; env SIP_EXPORTER_CALLS_CAPACITY).")
  int callCapacity;

  @Option(
      names = "--calls.max-duration",
      paramLabel = "DURATION",
      defaultValue =
          "${env:SIP_EXPORTER_CALLS_MAX_DURATION:-"
              + TrackerOptions.DEFAULT_MAX_CALL_DURATION
              + "}",
      converter = DurationConverter.class,
      description =
          "An answered call with no BYE seen ends as by=\"timeout\" after this (default ${DEFAULT-VALUE}; env SIP_EXPORTER_CALLS_MAX_DURATION).")
  Duration maxCallDuration;

  @Option(
      names = "--transactions.exemplars",
      paramLabel = "BOOL",
      arity = "0..1",
      fallbackValue = "true",
      defaultValue =
          "${env:SIP_EXPORTER_TRANSACTIONS_EXEMPLARS:-" + TrackerOptions.DEFAULT_EXEMPLARS + "}",
      description =
          "Put the SIP Call-ID on the transaction duration, post-dial delay and call duration histograms as exemplars, shown when /metrics is scraped as OpenMetrics (default ${DEFAULT-VALUE}; env SIP_EXPORTER_TRANSACTIONS_EXEMPLARS).")
  boolean exemplars;

  @Option(
      names = "--transactions.max-clock-skew",
      paramLabel = "DURATION",
      defaultValue =
          "${env:SIP_EXPORTER_TRANSACTIONS_MAX_CLOCK_SKEW:-"
              + TrackerOptions.DEFAULT_MAX_CLOCK_SKEW
              + "}",
      converter = DurationConverter.class,
      description =
          "A HEP or capture timestamp farther than this from the receive time (in a replay, the capture's running clock) is not trusted for the timers: the receive time is used and sip_exporter_clock_skew_total counts it; at most 24h (default ${DEFAULT-VALUE}; env SIP_EXPORTER_TRANSACTIONS_MAX_CLOCK_SKEW).")
  Duration maxClockSkew;

  /** The options; IllegalArgumentException names the flag whose value is out of range. */
  TrackerOptions toOptions() {
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
