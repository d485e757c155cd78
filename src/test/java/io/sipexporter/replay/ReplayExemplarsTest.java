package io.sipexporter.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.load.Exposition;
import io.sipexporter.load.Exposition.Sample;
import io.sipexporter.metrics.CallIdExemplars;
import io.sipexporter.metrics.NodeTable;
import io.sipexporter.transaction.TrackerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code replay --transactions.exemplars}: the capture's Call-IDs on its duration histograms. */
class ReplayExemplarsTest {
  @Test
  void theCallDurationsCarryACallIdOfTheCapture() throws IOException {
    CallIdExemplars exemplars = new CallIdExemplars();
    PrometheusMeterRegistry registry = CallIdExemplars.newRegistry(exemplars);
    try (InputStream in = getClass().getResourceAsStream("/pcap/sipp-3calls-udp.pcapng")) {
      new CaptureReplay(registry, exemplars, TrackerOptions.DEFAULTS, 65535, new NodeTable(0), null)
          .read(in);
    }
    List<String> histograms = new ArrayList<>();
    for (Sample s : Exposition.parse(registry.scrape("application/openmetrics-text")).samples()) {
      if (s.exemplar() == null || !s.name().endsWith("_bucket")) {
        continue;
      }
      histograms.add(s.name().substring(0, s.name().length() - "_bucket".length()));
      assertThat(s.exemplar().labels().keySet()).containsExactly("span_id", "trace_id");
      assertThat(s.exemplar().labels().get("span_id")).isNotEmpty();
      // the three calls sipp made (strings of the capture: Call-ID: n-14832@127.0.0.1)
      assertThat(s.exemplar().labels().get("trace_id")).matches("[123]-14832@127\\.0\\.0\\.1");
    }
    assertThat(histograms)
        .contains(
            "sip_call_duration_seconds",
            "sip_invite_post_dial_delay_seconds",
            "sip_transaction_duration_seconds");
  }
}
