package io.sipexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.metrics.SipMeters;
import io.sipexporter.metrics.TransactionMeters;
import io.sipexporter.sip.SipMethod;
import org.junit.jupiter.api.Test;

/**
 * The totals a code page shows beside its evidence queries, read from the exporter's own meters.
 */
class CodeRatesSinceStartTest {

  @Test
  void sumsEverySeriesOfACounterAndCountsAHistogramsObservations() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TransactionMeters meters = new TransactionMeters(registry);
    CodeRates rates = new CodeRates(registry);
    assertThat(rates.sinceStart(SipMeters.TRANSACTIONS_TIMED_OUT)).isZero();

    meters.timedOut(SipMethod.INVITE);
    meters.timedOut(SipMethod.INVITE);
    meters.timedOut(SipMethod.BYE);
    meters.retransmission(SipMethod.INVITE, false);
    meters.postDialDelay(2_000_000L, null);

    assertThat(rates.sinceStart(SipMeters.TRANSACTIONS_TIMED_OUT)).isEqualTo(3);
    assertThat(rates.sinceStart(SipMeters.RETRANSMISSIONS)).isEqualTo(1);
    assertThat(rates.sinceStart(SipMeters.INVITE_POST_DIAL_DELAY)).isEqualTo(1);
  }
}
