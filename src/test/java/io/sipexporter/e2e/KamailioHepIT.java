package io.sipexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.Scrape;
import io.sipexporter.load.Exposition.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 5 end to end: the example {@code kamailio-hep.cfg}, run unchanged, sends a HEP copy of
 * every message it proxies to the exporter jar's HEP port, as HEPv3 and HEPv2 over UDP and over TCP
 * (HEPv2 over TCP: issue 12, item 7, framed by the SIP Content-Length), and HEPv3 with an auth key
 * the exporter requires. The exporter's counts per (method, code) equal tshark's count of the
 * proxy's own traffic in the same run, and it received one HEP packet per proxied message.
 */
class KamailioHepIT {
  /**
   * Short enough that a request whose reply went unmatched shows as a timeout within the run, long
   * enough that a reply a loaded machine delays by seconds is still a reply.
   */
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /**
   * The timeout, the 500 ms reorder window and a 1 s sweep round after the last message, with
   * margin.
   */
  private static final Duration SETTLE = TIMEOUT.plusSeconds(2);

  /** Every method of the standard mix, fewer calls: the point here is the envelope. */
  private static SipTraffic traffic() {
    return new SipTraffic()
        .add("INVITE", "200", 3)
        .add("INVITE", "486", 2)
        .add("INVITE", "503", 1)
        .add("INVITE", "437", 1)
        .add("INVITE", "603", 1)
        .add("REGISTER", "401", 2)
        .add("REGISTER", "200", 2)
        .add("OPTIONS", "200", 2)
        .add("SUBSCRIBE", "489", 1)
        .add("MESSAGE", "202", 1);
  }

  @ParameterizedTest
  @EnumSource(Kamailio.Hep.class)
  void exporterCountsEveryProxiedMessageFromHep(Kamailio.Hep hep) throws InterruptedException {
    Path dir = TestDirs.fresh("KamailioHepIT-" + hep);
    int proxyPort = Ports.freeUdpAndTcp();
    int uasPort = Ports.freeUdpAndTcp();
    int hepPort = Ports.freeUdpAndTcp();
    SipTraffic traffic = traffic();

    // every transaction of the mix is answered at once: a request whose reply went unmatched
    // shows as a timeout within this run
    List<String> flags =
        new ArrayList<>(
            List.of(
                "--hep.listen-address=127.0.0.1:" + hepPort,
                "--transactions.timeout=" + TIMEOUT.toSeconds() + "s"));
    if (hep.authKey() != null) {
      flags.add("--hep.auth-key=" + hep.authKey());
    }
    // HEPv2's 16-bit capture id and HEPv3 over TCP with a node label; the others without
    boolean nodes = hep == Kamailio.Hep.V2_UDP || hep == Kamailio.Hep.V3_TCP;
    if (nodes) {
      flags.add("--hep.nodes=2");
    }

    try (Tshark capture = Tshark.start(dir, proxyPort, hepPort);
        Exporter exporter = Exporter.start(dir, Ports.freeUdpAndTcp(), Ports.freeTcp(), flags);
        RunningProcess uas = Sipp.startUas(dir, uasPort);
        Kamailio kamailio = Kamailio.startHep(dir, proxyPort, uasPort, hepPort, hep, 0)) {

      traffic.send(dir, proxyPort);

      // the proxy's own legs: everything on its port except the HEP copies it sends
      String proxiedFilter = "udp.port == " + proxyPort + " && udp.dstport != " + hepPort;
      Map<String, String> hepInput = Map.of("input", "hep", "transport", hep.transport());
      Await.until(
          "exporter counts equal to tshark's count of the proxy's traffic",
          Duration.ofSeconds(20),
          () ->
              SipCounts.of(exporter.scrape()).asMap().equals(capture.count(proxiedFilter).asMap()),
          () ->
              "tshark:   "
                  + capture.count(proxiedFilter)
                  + "\nexporter: "
                  + SipCounts.of(exporter.scrape())
                  + "\n"
                  + exporter.logTail()
                  + "\n"
                  + kamailio.logTail());
      capture.stop();
      // held replies count unmatched, and transactions time out, only once their timers have run:
      // wait until every transaction has been completed and let go, or timed out
      Await.until(
          "the exporter's transaction table drains",
          SETTLE.plusSeconds(20),
          () -> exporter.scrape().sum("sip_exporter_transactions_tracked", Map.of()) == 0,
          exporter::logTail);

      SipCounts proxied = capture.count(proxiedFilter);
      Scrape metrics = exporter.scrape();
      double hepPackets = metrics.sum("sip_exporter_messages_received_total", hepInput);
      long hepFrames =
          hep.transport().equals("udp") ? capture.frames("udp.dstport == " + hepPort) : -1;
      System.out.printf(
          "KamailioHepIT %s: proxy relayed %d messages (tshark), exporter received %.0f HEP"
              + " packets over %s (tshark saw %s), counted %s; transactions reordered %.0f,"
              + " unmatched responses %.0f, timed out %.0f%n",
          hep,
          proxied.total(),
          hepPackets,
          hep.transport(),
          hepFrames < 0 ? "n/a, TCP" : hepFrames,
          SipCounts.of(metrics),
          metrics.sum("sip_exporter_transactions_reordered_total", Map.of()),
          metrics.sum("sip_exporter_unmatched_responses_total", Map.of()),
          metrics.sum("sip_transactions_timed_out_total", Map.of()));

      assertThat(SipCounts.of(metrics).responses()).isEqualTo(proxied.responses());
      assertThat(SipCounts.of(metrics).requests()).isEqualTo(proxied.requests());
      assertThat(hepPackets)
          .as("one HEP packet per proxied message")
          .isEqualTo((double) proxied.total());
      if (hepFrames >= 0) {
        assertThat(hepFrames).as("HEP datagrams tshark saw").isEqualTo(proxied.total());
      }
      assertThat(metrics.sum("sip_exporter_hep_payloads_total", Map.of("type", "sip")))
          .isEqualTo((double) proxied.total());
      assertThat(metrics.sum("sip_exporter_parse_errors_total", Map.of("input", "hep"))).isZero();
      // the config's two workers may copy a reply before its request: the reorder window absorbs it
      assertThat(metrics.sum("sip_exporter_unmatched_responses_total", Map.of())).isZero();
      assertThat(metrics.sum("sip_transactions_timed_out_total", Map.of())).isZero();
      // kamailio-hep.cfg's HEP_CAPTURE_ID (hep_capture_id) is 2001
      List<Sample> counted = new ArrayList<>(metrics.named("sip_responses_total"));
      counted.addAll(metrics.named("sip_requests_total"));
      if (nodes) {
        assertThat(counted).allMatch(sample -> sample.labels().containsKey("node"), "node label");
        assertThat(
                metrics.sum("sip_responses_total", Map.of("node", "2001"))
                    + metrics.sum("sip_requests_total", Map.of("node", "2001")))
            .as("every message under node 2001")
            .isEqualTo((double) proxied.total());
      } else {
        assertThat(counted).noneMatch(sample -> sample.labels().containsKey("node"));
      }
      // a relaying proxy copies each transaction twice: received on one leg, sent on the other.
      // Transactions, not messages: a loaded machine retransmits (counted above, as tshark saw
      // them), and a retransmission is no new transaction
      traffic
          .finalResponsesPerLeg()
          .forEach(
              (key, calls) ->
                  assertThat(
                          metrics.sum(
                              "sip_transactions_total",
                              Map.of("method", key.split(" ")[0], "code", key.split(" ")[1])))
                      .as("exporter's %s transactions", key)
                      .isEqualTo(2.0 * calls));
    }
  }
}
