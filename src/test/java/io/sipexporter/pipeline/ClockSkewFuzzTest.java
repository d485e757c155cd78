package io.sipexporter.pipeline;

import static io.sipexporter.SipText.request;
import static io.sipexporter.SipText.response;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
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
import org.junit.jupiter.api.Timeout;

/**
 * Jazzer target for the bounded input clock (issue 12, docs/fuzzing.md): HEP packets with any
 * timestamps, received over a few minutes, never stop the well-stamped transactions that follow
 * from completing, timing out or being swept on time.
 */
class ClockSkewFuzzTest {
  private static final long RECEIVED = 1_764_720_000L * 1_000_000_000L; // 2025-12-03
  private static final long SECOND = 1_000_000_000L;

  /** The default timers, small tables: a fresh tracker per input stays cheap. */
  private static final TrackerOptions SMALL =
      TrackerOptions.builder().transactionCapacity(1024).callCapacity(256).build();

  private static final String[] NOISE = {"INVITE", "REGISTER", "BYE", "SUBSCRIBE"};

  /**
   * Up to 64 packets (a request or a response of INVITE, REGISTER, BYE or SUBSCRIBE) with fuzzed
   * HEP seconds and microseconds and receive times 0-2 s apart, some ticks; then 20 OPTIONS stamped
   * with their receive time, once any trusted lead has passed: all 20 complete, and one more,
   * unanswered, times out at Timer F.
   */
  @FuzzTest
  @Timeout(10)
  void stamps(FuzzedDataProvider data) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TransactionTracker tracker =
        new TransactionTracker(
            new TransactionMeters(registry),
            new CallMeters(registry),
            SMALL,
            1 << data.consumeInt(0, 3));
    HepIngest hep = new HepIngest(new SipPipeline(new TrafficCounters(registry), tracker), null);
    long received = RECEIVED;
    for (int i = 0, n = data.consumeInt(0, 64); i < n && data.remainingBytes() > 0; i++) {
      received += data.consumeLong(0, 2 * SECOND);
      String method = NOISE[data.consumeInt(0, NOISE.length - 1)];
      String callId = "noise-" + data.consumeInt(0, 7);
      byte[] sip =
          data.consumeBoolean()
              ? request(method, callId, 1, "")
              : response(data.consumeInt(100, 699), "X", method, callId, 1);
      long seconds = data.consumeLong(0, 0xFFFFFFFFL);
      int micros = data.consumeInt();
      byte[] packet = Hep3Packet.sip(sip, seconds, micros).build();
      hep.packet(Input.HEP, Transport.UDP, packet, 0, packet.length, received);
      if (data.consumeBoolean()) {
        tracker.tick(received);
      }
    }
    // a stamp within the skew is trusted and may lead the receive time by up to 5 min: the
    // well-stamped transactions begin after that lead, as they would a few minutes later live
    long start = received + TrackerOptions.DEFAULTS.maxClockSkew().toNanos() + SECOND;
    for (int i = 0; i < 20; i++) {
      long at = start + i * SECOND;
      send(hep, request("OPTIONS", "after-" + i, 1, ""), at);
      send(hep, response(200, "OK", "OPTIONS", "after-" + i, 1), at + SECOND / 10);
    }
    long last = start + 20 * SECOND;
    send(hep, request("OPTIONS", "unanswered", 1, ""), last);

    assertThat(
            count(registry, "sip.transactions", "method", "OPTIONS", "code", "200", "class", "2xx"))
        .isEqualTo(20);
    assertThat(count(registry, "sip.exporter.unmatched.responses", "method", "OPTIONS")).isZero();
    tracker.tick(last + 31 * SECOND);
    assertThat(count(registry, "sip.transactions.timed.out", "method", "OPTIONS")).isZero();
    tracker.tick(last + 33 * SECOND);
    assertThat(count(registry, "sip.transactions.timed.out", "method", "OPTIONS")).isEqualTo(1);
  }

  /** A packet stamped with its receive time, as an NTP-synchronised agent sends it. */
  private static void send(HepIngest hep, byte[] sip, long nanos) {
    byte[] packet = Hep3Packet.sip(sip, nanos / SECOND, (int) (nanos % SECOND / 1000)).build();
    hep.packet(Input.HEP, Transport.UDP, packet, 0, packet.length, nanos);
  }

  private static double count(PrometheusMeterRegistry registry, String name, String... tags) {
    var counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }
}
