package io.sipexporter.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.metrics.CallIdExemplars;
import io.sipexporter.metrics.CallMeters;
import io.sipexporter.metrics.TransactionMeters;
import io.sipexporter.sip.ScanResult;
import io.sipexporter.sip.SipMessage;
import io.sipexporter.sip.SipScanner;
import java.util.concurrent.TimeUnit;

/**
 * A tracker on a fresh registry, fed text messages at given input times, and readers of its meters.
 */
final class Harness {
  final PrometheusMeterRegistry registry;
  final TransactionTracker tracker;
  private final SipScanner scanner = new SipScanner();
  private final SipMessage msg = new SipMessage();

  /** With {@code options.exemplars()}, the registry and meters the exporter makes for them. */
  Harness(TrackerOptions options) {
    this(options, 1);
  }

  /** A tracker of {@code shards} shards. */
  Harness(TrackerOptions options, int shards) {
    this(options, shards, options.transactionCapacity(), options.callCapacity());
  }

  /** A tracker whose tables hold these many entries, even fewer than the flags allow. */
  Harness(TrackerOptions options, int shards, int transactionCapacity, int callCapacity) {
    CallIdExemplars exemplars = options.exemplars() ? new CallIdExemplars() : null;
    registry = CallIdExemplars.newRegistry(exemplars);
    registry.throwExceptionOnRegistrationFailure();
    tracker =
        new TransactionTracker(
            new TransactionMeters(registry, exemplars),
            new CallMeters(registry, exemplars),
            options,
            shards,
            transactionCapacity,
            callCapacity);
  }

  Harness() {
    this(TrackerOptions.DEFAULTS);
  }

  /** Feeds every message of a sequence file. */
  Harness play(String sequence) {
    for (MessageSequence.Timed m : MessageSequence.read(sequence)) {
      observe(m.bytes(), m.nanos());
    }
    return this;
  }

  boolean observe(byte[] bytes, long nanos) {
    assertThat(scanner.scan(bytes, 0, bytes.length, msg)).isEqualTo(ScanResult.OK);
    return tracker.observe(msg, nanos);
  }

  /** A counter's value, 0 when the series does not exist. */
  double count(String name, String... tags) {
    var counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  long timerCount(String name, String... tags) {
    Timer timer = registry.find(name).tags(tags).timer();
    return timer == null ? 0 : timer.count();
  }

  double timerSeconds(String name, String... tags) {
    return registry.get(name).tags(tags).timer().totalTime(TimeUnit.SECONDS);
  }

  static long seconds(double s) {
    return Math.round(s * 1e9);
  }
}
