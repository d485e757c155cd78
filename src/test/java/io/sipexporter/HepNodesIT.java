package io.sipexporter;

import static io.sipexporter.SipText.request;
import static io.sipexporter.SipText.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.core.ListenAddress;
import io.sipexporter.e2e.Await;
import io.sipexporter.hep.HexVector;
import io.sipexporter.load.Exposition;
import io.sipexporter.load.Exposition.Sample;
import io.sipexporter.net.ListenerOptions;
import io.sipexporter.transaction.TrackerOptions;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --hep.nodes} on the real exporter: HEP over real UDP from three capture agents and raw SIP
 * beside them, {@code /metrics} scraped over HTTP, exact counts per (node, method, code) out.
 */
@org.junit.jupiter.api.Timeout(60)
class HepNodesIT {
  private static final Duration DEADLINE = Duration.ofSeconds(15);
  private static final long SECONDS = 1_764_000_000L;
  private Exporter exporter;
  private int hepSent;
  private int sipSent;

  private void start(int hepNodes) {
    exporter =
        Exporter.start(
            LoopbackConfig.of(ListenerOptions.defaults(), TrackerOptions.DEFAULTS, null).toBuilder()
                .hepNodes(hepNodes)
                .build());
  }

  @AfterEach
  void stop() {
    exporter.close();
  }

  @Test
  void theFirstTwoCaptureAgentsGetTheirOwnNodeTheThirdIsOtherAndRawSipIsEmpty() throws Exception {
    start(2);
    sendTraffic();
    Scrape scrape = awaitReceived();

    assertThat(responses(scrape, "2001", "INVITE", 100)).isEqualTo(1);
    assertThat(responses(scrape, "2001", "INVITE", 200)).isEqualTo(1);
    assertThat(responses(scrape, "101", "INVITE", 486)).isEqualTo(2);
    assertThat(responses(scrape, "101", "REGISTER", 401)).isEqualTo(1);
    assertThat(responses(scrape, "other", "INVITE", 200)).as("from 3003").isEqualTo(1);
    assertThat(responses(scrape, "", "INVITE", 200)).as("raw SIP").isEqualTo(1);
    assertThat(responses(scrape, "", "INVITE", 503)).isEqualTo(1);
    assertThat(scrape.sum("sip_responses_total")).isEqualTo(8);

    assertThat(requests(scrape, "2001", "INVITE")).isEqualTo(1);
    assertThat(requests(scrape, "101", "REGISTER")).isEqualTo(1);
    assertThat(requests(scrape, "other", "OPTIONS")).as("from 3003").isEqualTo(1);
    assertThat(requests(scrape, "other", "INVITE")).as("HEPv2 from 4660").isEqualTo(1);
    assertThat(requests(scrape, "", "INVITE")).as("raw SIP").isEqualTo(1);
    assertThat(requests(scrape, "2001", "BYE")).as("a node's other methods from zero").isZero();
    assertThat(scrape.sum("sip_requests_total")).isEqualTo(5);

    List<Sample> samples = sipSamples(body());
    assertThat(samples)
        .isNotEmpty()
        .allMatch(s -> s.labels().containsKey("node"), "has a node label");
    assertThat(samples)
        .noneMatch(s -> List.of("3003", "4660").contains(s.labels().get("node")))
        .anyMatch(s -> s.labels().get("node").isEmpty());
  }

  @Test
  void withoutTheFlagNoSeriesHasANodeLabel() throws Exception {
    start(0);
    sendTraffic();
    Scrape scrape = awaitReceived();

    String body = body();
    assertThat(body).doesNotContain("node=");
    assertThat(scrape.responses("INVITE", 200)).as("2001, 3003 and raw SIP").isEqualTo(3);
    assertThat(scrape.responses("INVITE", 486)).isEqualTo(2);
    assertThat(scrape.value("sip_requests_total", "method", "INVITE")).isEqualTo(3);
    assertThat(scrape.sum("sip_responses_total")).isEqualTo(8);
    assertThat(scrape.sum("sip_requests_total")).isEqualTo(5);
  }

  /**
   * Capture agents 2001, 101, 3003 (HEPv3) and 4660 (a real Kamailio's HEPv2), in that order, each
   * awaited before the next so the order they are first seen is fixed; raw SIP in between.
   */
  private void sendTraffic() throws Exception {
    try (DatagramSocket udp = new DatagramSocket()) {
      hep(udp, 2001, request("INVITE", "n1", 1, ""));
      hep(udp, 2001, response(100, "Trying", "INVITE", "n1", 1));
      hep(udp, 2001, response(200, "OK", "INVITE", "n1", 1));
      awaitReceived();
      sip(udp, request("INVITE", "s1", 1, ""));
      sip(udp, response(200, "OK", "INVITE", "s1", 1));
      sip(udp, response(503, "Service Unavailable", "INVITE", "s2", 1));
      hep(udp, 101, response(486, "Busy Here", "INVITE", "n2", 1));
      hep(udp, 101, response(486, "Busy Here", "INVITE", "n3", 1));
      hep(udp, 101, request("REGISTER", "r1", 1, ""));
      hep(udp, 101, response(401, "Unauthorized", "REGISTER", "r1", 1));
      awaitReceived();
      hep(udp, 3003, response(200, "OK", "INVITE", "n4", 1));
      hep(udp, 3003, request("OPTIONS", "o1", 1, ""));
      awaitReceived();
      send(udp, exporter.hepAddress(), HexVector.load("hep/hep2-kamailio-invite.hex"));
      hepSent++;
    }
  }

  private void hep(DatagramSocket udp, long captureId, byte[] sip) throws IOException {
    send(udp, exporter.hepAddress(), Hep3Packet.sip(sip, SECONDS, 0, captureId).build());
    hepSent++;
  }

  private void sip(DatagramSocket udp, byte[] sip) throws IOException {
    send(udp, exporter.sipAddress(), sip);
    sipSent++;
  }

  private static void send(DatagramSocket udp, ListenAddress to, byte[] datagram)
      throws IOException {
    udp.send(
        new DatagramPacket(datagram, datagram.length, InetAddress.getByName(to.host()), to.port()));
  }

  private static double responses(Scrape scrape, String node, String method, int code) {
    return scrape.value(
        "sip_responses_total",
        "method",
        method,
        "code",
        Integer.toString(code),
        "class",
        code / 100 + "xx",
        "node",
        node);
  }

  private static double requests(Scrape scrape, String node, String method) {
    return scrape.value("sip_requests_total", "method", method, "node", node);
  }

  /** Waits until everything sent so far was received, then scrapes once more (see ExporterIT). */
  private Scrape awaitReceived() {
    String url = "http://" + exporter.webAddress() + "/metrics";
    Scrape[] last = {null};
    Await.until(
        hepSent + " HEP and " + sipSent + " SIP datagrams received",
        DEADLINE,
        () -> {
          last[0] = Scrape.of(url);
          return last[0].value(
                      "sip_exporter_messages_received_total", "input", "hep", "transport", "udp")
                  >= hepSent
              && last[0].value(
                      "sip_exporter_messages_received_total", "input", "sip", "transport", "udp")
                  >= sipSent;
        },
        () -> String.valueOf(last[0]));
    return Scrape.of(url);
  }

  private String body() throws IOException, InterruptedException {
    HttpResponse<String> response =
        Scrape.CLIENT.send(
            HttpRequest.newBuilder(URI.create("http://" + exporter.webAddress() + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  /** The samples of sip_requests_total and sip_responses_total. */
  private static List<Sample> sipSamples(String body) {
    return Exposition.parse(body).samples().stream()
        .filter(
            s -> s.name().equals("sip_requests_total") || s.name().equals("sip_responses_total"))
        .toList();
  }
}
