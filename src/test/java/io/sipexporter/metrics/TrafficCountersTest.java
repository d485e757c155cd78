package io.sipexporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.core.Input;
import io.sipexporter.core.Transport;
import io.sipexporter.sip.ScanResult;
import io.sipexporter.sip.SipMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The counters' exposition, asserted byte for byte against a golden file. */
class TrafficCountersTest {

  @Test
  void scrapeMatchesGoldenFile() throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.throwExceptionOnRegistrationFailure();
    TrafficCounters counters = new TrafficCounters(registry);

    counters.received(Input.SIP, Transport.UDP);
    counters.hepPayload(1);
    counters.response(SipMethod.INVITE, 200);
    counters.response(SipMethod.INVITE, 200);
    counters.response(SipMethod.INVITE, 437);
    counters.response(SipMethod.OTHER, 699);
    counters.response(SipMethod.REGISTER, 100);
    counters.request(SipMethod.INVITE);
    counters.parseError(Input.SIP, ScanResult.BAD_STATUS_CODE);
    counters.parseError(Input.SIP, ScanResult.BAD_STATUS_CODE);
    counters.parseError(Input.HEP, ScanResult.TRUNCATED);

    assertThat(registry.scrape()).isEqualTo(golden("/metrics/traffic-counters.prom"));
    assertThat(counters.responsesWithCode(200)).isEqualTo(2);
    assertThat(counters.responsesWithCode(437)).isEqualTo(1);
    assertThat(counters.responsesWithCode(486)).isZero();
    assertThat(counters.responsesWithCode(99)).isZero();
  }

  private static String golden(String resource) throws IOException {
    try (var in =
        Objects.requireNonNull(TrafficCountersTest.class.getResourceAsStream(resource), resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
