package io.sipexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The example Kamailio config mirrors every message it proxies: tshark counts, per CSeq method and
 * status code, the same messages on the mirror port as on the proxy's own legs.
 */
class KamailioMirrorIT {

  @Test
  void mirrorsEveryRequestAndReplyOnBothLegs() {
    Path dir = TestDirs.fresh("KamailioMirrorIT");
    int proxyPort = Ports.freeUdpAndTcp();
    int uasPort = Ports.freeUdpAndTcp();
    int mirrorPort = Ports.freeUdpAndTcp();
    SipTraffic traffic = SipTraffic.standard();

    try (MirrorSink sink = new MirrorSink(mirrorPort);
        Tshark capture = Tshark.start(dir, proxyPort, mirrorPort);
        RunningProcess uas = Sipp.startUas(dir, uasPort);
        Kamailio kamailio = Kamailio.start(dir, proxyPort, uasPort, mirrorPort)) {

      traffic.send(dir, proxyPort);

      String proxiedFilter = "udp.port == " + proxyPort + " && udp.dstport != " + mirrorPort;
      String mirroredFilter = "udp.dstport == " + mirrorPort;
      Await.until(
          "mirror copies of every proxied message in the capture",
          Duration.ofSeconds(20),
          () ->
              capture.count(mirroredFilter).asMap().equals(capture.count(proxiedFilter).asMap())
                  && capture.count(mirroredFilter).total() == sink.datagrams(),
          () ->
              "proxied: "
                  + capture.count(proxiedFilter)
                  + "\nmirrored: "
                  + capture.count(mirroredFilter)
                  + "\nsink datagrams: "
                  + sink.datagrams()
                  + "\n"
                  + kamailio.logTail());
      capture.stop();

      SipCounts proxied = capture.count(proxiedFilter);
      SipCounts mirrored = capture.count(mirroredFilter);
      System.out.printf(
          "KamailioMirrorIT: proxied %d messages, mirrored %d, sink received %d%n%s%n",
          proxied.total(), mirrored.total(), sink.datagrams(), mirrored);

      assertThat(mirrored.asMap()).isEqualTo(proxied.asMap());
      assertThat(sink.datagrams()).isEqualTo(mirrored.total());
      // the proxy port sees every message twice: received on one leg, sent on the other. Each
      // retransmission once: a loaded machine retransmits, and the copies above include them
      SipCounts proxiedOnce = capture.countWithoutRetransmissions(proxiedFilter);
      Map<String, Long> perLeg = traffic.finalResponsesPerLeg();
      perLeg.forEach(
          (key, calls) ->
              assertThat(proxiedOnce.get(key)).as("proxied %s", key).isEqualTo(2 * calls));
      assertThat(proxiedOnce.get("INVITE"))
          .isEqualTo(
              2
                  * perLeg.entrySet().stream()
                      .filter(e -> e.getKey().startsWith("INVITE "))
                      .mapToLong(Map.Entry::getValue)
                      .sum());
    }
  }
}
