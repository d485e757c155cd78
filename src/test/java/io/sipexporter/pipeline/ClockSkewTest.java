package io.sipexporter.pipeline;

import static io.sipexporter.SipText.request;
import static io.sipexporter.SipText.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.Hep3Packet;
import io.sipexporter.core.Input;
import io.sipexporter.core.Transport;
import io.sipexporter.metrics.CallMeters;
import io.sipexporter.metrics.TrafficCounters;
import io.sipexporter.metrics.TransactionMeters;
import io.sipexporter.transaction.TrackerOptions;
import io.sipexporter.transaction.TransactionTracker;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: one HEP packet stamped 0xFFFFFFFF (2106) moved the tracker's clock to 2106, after which
 * no transaction completed (0 of 20), tracked calls vanished and the sweep stopped. A stamp farther
 * than {@code --transactions.max-clock-skew} from the receive time is timed by the receive time.
 */
class ClockSkewTest {
  private static final long RECEIVED = 1_764_720_000L; // 2025-12-03, epoch seconds
  private static final long SECOND = 1_000_000_000L;

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final TransactionTracker tracker =
      new TransactionTracker(
          new TransactionMeters(registry), new CallMeters(registry), TrackerOptions.DEFAULTS, 4);
  private final HepIngest hep =
      new HepIngest(new SipPipeline(new TrafficCounters(registry), tracker), null);

  /** A HEP packet stamped {@code stamp} seconds that reached us at {@code received} seconds. */
  private void hep(byte[] sip, long stamp, double received) {
    byte[] packet = Hep3Packet.sip(sip, stamp, 0).build();
    hep.packet(Input.HEP, Transport.UDP, packet, 0, packet.length, Math.round(received * SECOND));
  }

  @Test
  void aStampIn2106IsCountedAndTimedByItsReceiveTimeAndLaterTransactionsAllComplete() {
    hep(request("INVITE", "ringing", 1, ""), RECEIVED, RECEIVED);
    hep(response(180, "Ringing", "INVITE", "ringing", 1), RECEIVED, RECEIVED + 0.1);
    hep(request("INVITE", "from-2106", 1, ""), 0xFFFFFFFFL, RECEIVED + 0.5);
    for (int i = 0; i < 20; i++) {
      long at = RECEIVED + 1 + i;
      hep(request("OPTIONS", "after-" + i, 1, ""), at, (double) at);
      hep(response(200, "OK", "OPTIONS", "after-" + i, 1), at, at + 0.05);
    }
    assertThat(count("sip.transactions", "method", "OPTIONS", "code", "200", "class", "2xx"))
        .isEqualTo(20);
    assertThat(count("sip.exporter.unmatched.responses", "method", "OPTIONS")).isZero();
    assertThat(count("sip.transactions.timed.out", "method", "OPTIONS")).isZero();
    assertThat(count("sip.exporter.clock.skew", "input", "hep")).isEqualTo(1);
    assertThat(count("sip.requests", "method", "INVITE")).isEqualTo(2); // still counted by code
    assertThat(tracker.calls()).isEqualTo(2); // neither the ringing nor the 2106 attempt vanished

    // the sweep runs on: the 2106 INVITE, timed from its receive time, times out at Timer B
    tracker.tick((RECEIVED + 32) * SECOND);
    assertThat(count("sip.transactions.timed.out", "method", "INVITE")).isZero();
    tracker.tick((RECEIVED + 34) * SECOND);
    assertThat(count("sip.transactions.timed.out", "method", "INVITE")).isEqualTo(1);
    assertThat(tracker.calls()).isEqualTo(1); // the ringing one waits Timer C
  }

  @Test
  void stampsWithinTheSkewAreTrustedOnEitherSide() {
    hep(request("OPTIONS", "behind", 1, ""), RECEIVED - 299, RECEIVED);
    hep(response(200, "OK", "OPTIONS", "behind", 1), RECEIVED - 298, RECEIVED + 0.1);
    hep(request("OPTIONS", "ahead", 1, ""), RECEIVED + 299, RECEIVED + 0.2);
    hep(response(200, "OK", "OPTIONS", "ahead", 1), RECEIVED + 300, RECEIVED + 0.3);
    assertThat(count("sip.exporter.clock.skew", "input", "hep")).isZero();
    assertThat(registry.get("sip.transaction.duration").timer().count()).isEqualTo(2);
    assertThat(
            registry
                .get("sip.transaction.duration")
                .timer()
                .max(java.util.concurrent.TimeUnit.SECONDS))
        .isEqualTo(1.0); // each measured on the agent's own clock
  }

  private double count(String name, String... tags) {
    var counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }
}
