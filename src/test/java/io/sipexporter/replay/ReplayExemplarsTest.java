package io.sipexporter.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.metrics.CallIdExemplars;
import io.sipexporter.metrics.NodeTable;
import io.sipexporter.transaction.TrackerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code replay --transactions.exemplars}: the capture's Call-IDs on its duration histograms. */
class ReplayExemplarsTest {
  private static final Pattern EXEMPLAR =
      Pattern.compile(
          "(?m)^(\\w+)_bucket\\{.*\\} \\d+ # \\{span_id=\"[^\"]+\",trace_id=\"([^\"]+)\"\\}");

  @Test
  void theCallDurationsCarryACallIdOfTheCapture() throws IOException {
    CallIdExemplars exemplars = new CallIdExemplars();
    PrometheusMeterRegistry registry = CallIdExemplars.newRegistry(exemplars);
    try (InputStream in = getClass().getResourceAsStream("/pcap/sipp-3calls-udp.pcapng")) {
      new CaptureReplay(registry, exemplars, TrackerOptions.DEFAULTS, 65535, new NodeTable(0))
          .read(in);
    }
    Matcher m = EXEMPLAR.matcher(registry.scrape("application/openmetrics-text"));
    List<String> histograms = new ArrayList<>();
    while (m.find()) {
      histograms.add(m.group(1));
      // the three calls sipp made (strings of the capture: Call-ID: n-14832@127.0.0.1)
      assertThat(m.group(2)).matches("[123]-14832@127\\.0\\.0\\.1");
    }
    assertThat(histograms)
        .contains(
            "sip_call_duration_seconds",
            "sip_invite_post_dial_delay_seconds",
            "sip_transaction_duration_seconds");
  }
}
