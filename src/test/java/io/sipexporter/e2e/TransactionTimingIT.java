package io.sipexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sipexporter.Scrape;
import io.sipexporter.load.Exposition;
import io.sipexporter.load.Exposition.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 end to end: sipp calls through the HEP example proxy with known answer delays and hold
 * times, and an answerer that never replies. The exporter's histograms hold each call in the bucket
 * its delays put it in (bucket counts, not timings), and the unanswered INVITEs time out.
 *
 * <p>Every call crosses the proxy, so each INVITE is two transactions (caller leg, callee leg) and
 * the call one call (one Call-ID). A delay can only come out longer than asked (a loaded machine
 * runs sipp's timers late, never early), so each sits just above a bucket's lower bound, with the
 * whole bucket as margin above: 1.05 s answers land in the (1, 1.5] post-dial-delay and (1, 2.5]
 * duration buckets, 3.1 s answers in (3, 4] and (2.5, 5]; 2 s holds in the (1, 5] call-duration
 * bucket, 6 s holds in (5, 10].
 *
 * <p>Prometheus scrapes the exporter with the fast copy of the rules: every panel of the
 * dashboard's "Transactions and calls" row has data, and the timeouts and the resulting NER
 * (answered 10 of 16 INVITE attempts, 6 timed out) fire their alerts into Alertmanager.
 */
class TransactionTimingIT {
  private static final int QUICK = 3; // answered after 1.05 s, held 2 s
  private static final int SLOW = 2; // answered after 3.1 s, held 6 s
  private static final int UNANSWERED = 3;

  @Test
  void histogramsHoldTheCallsWhereTheirDelaysPutThemAndUnansweredInvitesTimeOut() {
    Path dir = TestDirs.fresh("TransactionTimingIT");
    int proxyPort = Ports.freeUdpAndTcp();
    int uasPort = Ports.freeUdpAndTcp();
    int hepPort = Ports.freeUdpAndTcp();

    try (Exporter exporter =
            Exporter.start(
                dir,
                Ports.freeUdpAndTcp(),
                Ports.freeTcp(),
                List.of("--hep.listen-address=127.0.0.1:" + hepPort, "--transactions.timeout=3s"));
        Alertmanager alertmanager = Alertmanager.start(dir, Ports.freeTcp());
        Prometheus prometheus =
            Prometheus.start(
                dir,
                Ports.freeTcp(),
                exporter.target(),
                alertmanager.port(),
                FastRules.derive(dir.resolve("rules")));
        RunningProcess uas = Sipp.startUasScenario(dir, "uas_timed.xml", uasPort);
        // one worker: a relayed request's copy always leaves before its reply's (README)
        Kamailio kamailio =
            Kamailio.startHep(dir, proxyPort, uasPort, hepPort, Kamailio.Hep.V3_UDP, 1)) {

      MonitoringChecks.awaitRulesLoaded(prometheus);
      Await.until(
          "exporter scraped", Duration.ofSeconds(30), prometheus::targetUp, prometheus::logTail);

      List<String> calls = new ArrayList<>();
      for (int i = 0; i < Math.max(QUICK, Math.max(SLOW, UNANSWERED)); i++) {
        if (i < QUICK) {
          calls.add("1050;quick" + i + ";2000");
        }
        if (i < SLOW) {
          calls.add("3100;slow" + i + ";6000");
        }
        if (i < UNANSWERED) {
          calls.add("-1;nobody" + i + ";0");
        }
      }
      Sipp.runUac(dir, "uac_timed.xml", proxyPort, calls);

      int answered = QUICK + SLOW;
      Await.until(
          "every call ended and every unanswered INVITE timed out",
          Duration.ofSeconds(15),
          () -> {
            Scrape m = exporter.scrape();
            return m.sum("sip_calls_ended_total", Map.of("by", "caller")) == answered
                && m.sum("sip_transactions_timed_out_total", Map.of("method", "INVITE"))
                    >= 2 * UNANSWERED;
          },
          () ->
              Http.get(exporter.url("/metrics"))
                      .lines()
                      .filter(l -> l.startsWith("sip_") && !l.startsWith("sip_response_code_info"))
                      .filter(l -> Exposition.parseSample(l).value() != 0)
                      .collect(java.util.stream.Collectors.joining("\n"))
                  + "\n"
                  + kamailio.logTail());
      Scrape m = exporter.scrape();

      Map<String, Double> duration =
          buckets(
              m,
              "sip_transaction_duration_seconds_bucket",
              Map.of("method", "INVITE", "class", "2xx"));
      Map<String, Double> pdd = buckets(m, "sip_invite_post_dial_delay_seconds_bucket", Map.of());
      Map<String, Double> call = buckets(m, "sip_call_duration_seconds_bucket", Map.of());
      double timedOut = m.sum("sip_transactions_timed_out_total", Map.of("method", "INVITE"));
      double retransmitted =
          m.sum("sip_retransmissions_total", Map.of("method", "INVITE", "type", "request"));
      System.out.printf(
          "TransactionTimingIT: %d calls answered after 1.05 s, %d after 3.1 s, %d never;"
              + " HEP packets %.0f%n  INVITE 2xx duration buckets %s%n  post-dial delay %s%n"
              + "  call duration %s%n  INVITE timed out %.0f, INVITE request retransmissions %.0f,"
              + " unmatched responses %.0f%n",
          QUICK,
          SLOW,
          UNANSWERED,
          m.sum("sip_exporter_messages_received_total", Map.of("input", "hep")),
          duration,
          pdd,
          call,
          timedOut,
          retransmitted,
          m.sum("sip_exporter_unmatched_responses_total", Map.of()));

      // two transactions per INVITE (caller and callee legs), each with its own delay sample
      assertThat(duration)
          .containsEntry("1.0", 0.0)
          .containsEntry("2.5", 2.0 * QUICK)
          .containsEntry("5.0", 2.0 * answered)
          .containsEntry("+Inf", 2.0 * answered);
      assertThat(pdd)
          .containsEntry("1.0", 0.0)
          .containsEntry("1.5", 2.0 * QUICK)
          .containsEntry("3.0", 2.0 * QUICK)
          .containsEntry("4.0", 2.0 * answered)
          .containsEntry("+Inf", 2.0 * answered);
      // one call per Call-ID, whatever the number of legs
      assertThat(call)
          .containsEntry("1.0", 0.0)
          .containsEntry("5.0", (double) QUICK)
          .containsEntry("10.0", (double) answered)
          .containsEntry("+Inf", (double) answered);
      assertThat(m.sum("sip_calls_active", Map.of())).isZero();
      assertThat(m.sum("sip_transactions_total", Map.of("method", "INVITE", "code", "200")))
          .isEqualTo(2.0 * answered);
      assertThat(m.sum("sip_transactions_total", Map.of("method", "BYE", "code", "200")))
          .isEqualTo(2.0 * answered);
      // each unanswered INVITE times out once per leg; nothing else does
      assertThat(timedOut).isEqualTo(2.0 * UNANSWERED);
      assertThat(m.sum("sip_transactions_timed_out_total", Map.of())).isEqualTo(timedOut);
      // sipp resends an unanswered INVITE at 0.5 s and 1.5 s, both well within the 3 s timeout
      assertThat(retransmitted).isGreaterThanOrEqualTo(2.0 * 2 * UNANSWERED);
      assertThat(m.sum("sip_exporter_unmatched_responses_total", Map.of())).isZero();

      MonitoringChecks.awaitRowPanelsHaveData(
          prometheus, exporter.target(), "Transactions and calls");
      JsonNode timeouts =
          MonitoringChecks.awaitAlertInAlertmanager(
              alertmanager, "SipTransactionTimeoutsHigh", exporter.target());
      assertThat(timeouts.path("labels").path("method").asText()).isEqualTo("INVITE");
      JsonNode ner =
          MonitoringChecks.awaitAlertInAlertmanager(
              alertmanager, "SipNetworkEffectivenessRatioLow", exporter.target());
      System.out.printf(
          "TransactionTimingIT: alerts in Alertmanager: %s%n  %s%n",
          timeouts.path("annotations").path("description").asText(),
          ner.path("annotations").path("description").asText());
    }
  }

  /** {@code le -> cumulative count} of one histogram series. */
  private static Map<String, Double> buckets(Scrape m, String name, Map<String, String> labels) {
    Map<String, Double> buckets = new java.util.LinkedHashMap<>();
    for (Sample s : m.named(name)) {
      if (s.labels().entrySet().containsAll(labels.entrySet())) {
        buckets.merge(s.labels().get("le"), s.value(), Double::sum);
      }
    }
    return buckets;
  }
}
