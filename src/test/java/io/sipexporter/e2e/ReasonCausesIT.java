package io.sipexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.Scrape;
import io.sipexporter.load.Exposition.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 5 end to end: sipp's calls end with a BYE carrying {@code Reason: Q.850;cause=16}
 * or {@code cause=31} through the example {@code kamailio-hep.cfg}, which sends a HEP copy of every
 * message it proxies to the exporter. The exporter's {@code sip_reason_causes_total} per (method,
 * protocol, cause) equals tshark's count of the same Reason headers on the proxy's legs.
 */
class ReasonCausesIT {

  @Test
  void exporterCountsTheReasonOfEveryProxiedByeAsTsharkDoes() {
    Path dir = TestDirs.fresh("ReasonCausesIT");
    int proxyPort = Ports.freeUdpAndTcp();
    int uasPort = Ports.freeUdpAndTcp();
    int hepPort = Ports.freeUdpAndTcp();
    List<String> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add("200;reason16x" + i + ";16;Normal call clearing");
    }
    for (int i = 0; i < 2; i++) {
      calls.add("200;reason31x" + i + ";31;Normal, unspecified");
    }

    try (Tshark capture = Tshark.start(dir, proxyPort, hepPort);
        Exporter exporter =
            Exporter.start(
                dir,
                Ports.freeUdpAndTcp(),
                Ports.freeTcp(),
                List.of("--hep.listen-address=127.0.0.1:" + hepPort));
        RunningProcess uas = Sipp.startUas(dir, uasPort);
        Kamailio kamailio =
            Kamailio.startHep(dir, proxyPort, uasPort, hepPort, Kamailio.Hep.V3_UDP, 0)) {

      Sipp.runUac(dir, "uac_bye_reason.xml", proxyPort, calls);

      // the proxy's own legs: everything on its port except the HEP copies it sends
      String proxiedFilter = "udp.port == " + proxyPort + " && udp.dstport != " + hepPort;
      Await.until(
          "exporter's Reason counts equal to tshark's on the proxy's traffic",
          Duration.ofSeconds(20),
          () ->
              !capture.reasonCauses(proxiedFilter).isEmpty()
                  && reasonCauses(exporter.scrape()).equals(capture.reasonCauses(proxiedFilter))
                  && SipCounts.of(exporter.scrape())
                      .asMap()
                      .equals(capture.count(proxiedFilter).asMap()),
          () ->
              "tshark:   "
                  + capture.reasonCauses(proxiedFilter)
                  + "\nexporter: "
                  + reasonCauses(exporter.scrape())
                  + "\n"
                  + exporter.logTail()
                  + "\n"
                  + kamailio.logTail());
      capture.stop();

      Map<String, Long> tshark = capture.reasonCauses(proxiedFilter);
      Scrape metrics = exporter.scrape();
      System.out.printf(
          "ReasonCausesIT: tshark counted %s, exporter %s%n", tshark, reasonCauses(metrics));

      assertThat(reasonCauses(metrics)).isEqualTo(tshark);
      // both legs of every BYE, retransmissions counted as tshark saw them
      assertThat(tshark.keySet()).containsExactly("BYE Q.850 16", "BYE Q.850 31");
      assertThat(tshark.get("BYE Q.850 16")).isGreaterThanOrEqualTo(2 * 3);
      assertThat(tshark.get("BYE Q.850 31")).isGreaterThanOrEqualTo(2 * 2);
      assertThat(metrics.sum("sip_exporter_reasons_malformed_total", Map.of())).isZero();
      assertThat(metrics.sum("sip_exporter_parse_errors_total", Map.of())).isZero();
    }
  }

  /** {@code sip_reason_causes_total} keyed as {@link Tshark#reasonCauses}, zeros left out. */
  private static Map<String, Long> reasonCauses(Scrape scrape) {
    Map<String, Long> counts = new TreeMap<>();
    for (Sample s : scrape.named("sip_reason_causes_total")) {
      if (s.value() > 0) {
        Map<String, String> l = s.labels();
        counts.merge(
            l.get("method") + " " + l.get("protocol") + " " + l.get("cause"),
            (long) s.value(),
            Long::sum);
      }
    }
    return counts;
  }
}
