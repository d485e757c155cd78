package io.sipexporter.cli;

import io.sipexporter.transaction.TrackerOptions;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The transaction- and call-tracking flags, shared by the exporter and {@code replay}: table
 * capacities and timers, validated into {@link TrackerOptions}.
 */
final class TrackingFlags {
  @Option(
      names = "--transactions.capacity",
      paramLabel = "N",
      defaultValue = "${env:SIP_EXPORTER_TRANSACTIONS_CAPACITY:-262144}",
      description =
          "Open transactions tracked per input (SIP, HEP); about 64 bytes each; when full the one nearest its deadline is evicted and counted (default ${DEFAULT-VALUE}; env SIP_EXPORTER_TRANSACTIONS_CAPACITY).")
  int transactionCapacity;

  @Option(
      names = "--transactions.timeout",
      paramLabel = "DURATION",
      defaultValue = "${env:SIP_EXPORTER_TRANSACTIONS_TIMEOUT:-32s}",
      converter = DurationConverter.class,
      description =
          "64*T1: a request with no final response by then is timed out (default ${DEFAULT-VALUE}; env SIP_EXPORTER_TRANSACTIONS_TIMEOUT).")
  Duration transactionTimeout;

  @Option(
      names = "--transactions.invite-timeout",
      paramLabel = "DURATION",
      defaultValue = "${env:SIP_EXPORTER_TRANSACTIONS_INVITE_TIMEOUT:-180s}",
      converter = DurationConverter.class,
      description =
          "Timer C: how long a ringing INVITE may wait after its last provisional response (default ${DEFAULT-VALUE}; env SIP_EXPORTER_TRANSACTIONS_INVITE_TIMEOUT).")
  Duration inviteTimeout;

  @Option(
      names = "--transactions.reorder-window",
      paramLabel = "DURATION",
      defaultValue = "${env:SIP_EXPORTER_TRANSACTIONS_REORDER_WINDOW:-500ms}",
      converter = DurationConverter.ZeroAllowed.class,
      description =
          "Hold a response whose request was not seen this long for the request to arrive late (a proxy's workers may mirror a reply first); 0 counts it unmatched at once (default ${DEFAULT-VALUE}; env SIP_EXPORTER_TRANSACTIONS_REORDER_WINDOW).")
  Duration reorderWindow;

  @Option(
      names = "--calls.capacity",
      paramLabel = "N",
      defaultValue = "${env:SIP_EXPORTER_CALLS_CAPACITY:-65536}",
      description =
          "Calls and call attempts tracked per input; about 72 bytes each (default ${DEFAULT-VALUE}; env SIP_EXPORTER_CALLS_CAPACITY).")
  int callCapacity;

  @Option(
      names = "--calls.max-duration",
      paramLabel = "DURATION",
      defaultValue = "${env:SIP_EXPORTER_CALLS_MAX_DURATION:-4h}",
      converter = DurationConverter.class,
      description =
          "An answered call with no BYE seen ends as by=\"timeout\" after this (default ${DEFAULT-VALUE}; env SIP_EXPORTER_CALLS_MAX_DURATION).")
  Duration maxCallDuration;

  @Option(
      names = "--transactions.exemplars",
      paramLabel = "BOOL",
      arity = "0..1",
      fallbackValue = "true",
      defaultValue = "${env:SIP_EXPORTER_TRANSACTIONS_EXEMPLARS:-false}",
      description =
          "Put the SIP Call-ID on the transaction duration, post-dial delay and call duration histograms as exemplars, shown when /metrics is scraped as OpenMetrics (default ${DEFAULT-VALUE}; env SIP_EXPORTER_TRANSACTIONS_EXEMPLARS).")
  boolean exemplars;

  @Option(
      names = "--transactions.max-clock-skew",
      paramLabel = "DURATION",
      defaultValue = "${env:SIP_EXPORTER_TRANSACTIONS_MAX_CLOCK_SKEW:-5m}",
      converter = AtMostADay.class,
      description =
          "A HEP or capture timestamp farther than this from the receive time (in a replay, the capture's running clock) is not trusted for the timers: the receive time is used and sip_exporter_clock_skew_total counts it; at most 24h (default ${DEFAULT-VALUE}; env SIP_EXPORTER_TRANSACTIONS_MAX_CLOCK_SKEW).")
  Duration maxClockSkew;

  /** The options; IllegalArgumentException names the flag that is out of range. */
  TrackerOptions toOptions() {
    if (transactionCapacity < 1024 || transactionCapacity > 1 << 26) {
      throw new IllegalArgumentException(
          "--transactions.capacity must be 1024 to 67108864, not " + transactionCapacity);
    }
    if (callCapacity < 256 || callCapacity > 1 << 26) {
      throw new IllegalArgumentException(
          "--calls.capacity must be 256 to 67108864, not " + callCapacity);
    }
    if (reorderWindow.compareTo(transactionTimeout) >= 0) {
      throw new IllegalArgumentException(
          "--transactions.reorder-window must be shorter than --transactions.timeout, not "
              + reorderWindow);
    }
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

  /** A positive duration of at most 24 h; anything else is a usage error (exit 2). */
  static final class AtMostADay implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration d = DurationConverter.parse(value);
      if (d.compareTo(TrackerOptions.MAX_MAX_CLOCK_SKEW) > 0) {
        throw new CommandLine.TypeConversionException("'" + value + "' is more than 24h");
      }
      return d;
    }
  }
}
