package io.sipexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipexporter.Scrape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 end to end: which carrier, which side. A sipp UAC on 127.0.0.1 calls through Kamailio
 * ({@code src/test/resources/kamailio/peers-hep.cfg}, on 127.0.0.1), which relays each INVITE by
 * its Request-URI user to one of two sipp answerers on loopback aliases: carrier-a on 127.0.0.2
 * rejects with 437, carrier-b on 127.0.0.3 with 486. Kamailio sends a HEPv3 copy of every message
 * to the exporter, started with a {@code --peers.file} naming the two addresses.
 *
 * <p>tshark captures the SIP on lo; its own dissection (IP addresses, CSeq method, status code),
 * named by the contract's rule (the peer that sent it: {@code in}; else the peer it was sent to:
 * {@code out}; else {@code ""}), gives the expected count per (peer, direction, method, code). The
 * exporter's {@code sip_requests_total} and {@code sip_responses_total} equal it exactly, the UAC's
 * leg (127.0.0.1, in no peer) under {@code peer=""}; {@code replay --peers.file} of the same
 * capture, where addresses come from the IP headers instead of HEP, counts the same on the {@code
 * /metrics} it serves, in its JSON summary and in its text summary.
 */
class PeersKamailioIT {
  /** The peers file of the contract: one peer as a /32, the other as a bare address. */
  private static final String PEERS_FILE =
      """
      peers:
        - name: carrier-a
          addresses: [127.0.0.2/32]
        - name: carrier-b
          addresses: [127.0.0.3]
      """;

  /** The same peers, by the one address each has, to name what tshark saw. */
  private static final Map<String, String> PEER_OF_ADDRESS =
      Map.of("127.0.0.2", "carrier-a", "127.0.0.3", "carrier-b");

  private static final int CALLS_TO_A = 6;
  private static final int CALLS_TO_B = 4;

  @Test
  void perPeerCountsFromHepEqualTsharksAndReplayCountsTheSame() {
    Path dir = TestDirs.fresh("PeersKamailioIT");
    Path peersFile = dir.resolve("peers.yml");
    write(peersFile, PEERS_FILE);
    int proxyPort = Ports.freeUdpAndTcp();
    int carrierPort = Ports.freeUdpAndTcp(); // both carriers, each on its own address
    int hepPort = Ports.freeUdpAndTcp();
    List<String> calls = calls();

    try (Tshark capture = Tshark.start(dir, proxyPort);
        Exporter exporter =
            Exporter.start(
                dir,
                Ports.freeUdpAndTcp(),
                Ports.freeTcp(),
                List.of("--hep.listen-address=127.0.0.1:" + hepPort, "--peers.file=" + peersFile));
        RunningProcess carrierA =
            Sipp.startUasScenario(dir, "uas_reject_437.xml", "127.0.0.2", carrierPort);
        RunningProcess carrierB =
            Sipp.startUasScenario(dir, "uas_reject_486.xml", "127.0.0.3", carrierPort);
        Kamailio kamailio =
            Kamailio.startTestConfig(
                dir,
                "peers-hep.cfg",
                proxyPort,
                List.of(
                    "-A", "HEP_URI=\"sip:127.0.0.1:" + hepPort + "\"",
                    "-A", "CARRIER_A_ADDR=\"127.0.0.2\"",
                    "-A", "CARRIER_A_PORT=" + carrierPort,
                    "-A", "CARRIER_B_ADDR=\"127.0.0.3\"",
                    "-A", "CARRIER_B_PORT=" + carrierPort))) {

      Sipp.runUac(dir, "uac_invite.xml", proxyPort, calls);

      // the SIP on the wire: the proxy's legs, without the HEP copies it sends
      String sip = "udp.port == " + proxyPort + " && udp.dstport != " + hepPort;
      Await.until(
          "exporter's per-peer counts equal to tshark's, every transaction counted",
          Duration.ofSeconds(20),
          () -> {
            Scrape scrape = exporter.scrape();
            return PeerCounts.of(scrape).equals(tshark(capture, sip))
                && scrape.sum("sip_transactions_total") == 2.0 * calls.size();
          },
          () ->
              "tshark:   "
                  + tshark(capture, sip)
                  + "\nexporter: "
                  + PeerCounts.of(exporter.scrape())
                  + "\ntransactions: "
                  + PeerCounts.transactions(exporter.scrape())
                  + "\n"
                  + exporter.logTail()
                  + "\n"
                  + kamailio.logTail());
      capture.stop();

      Map<String, Long> expected = tshark(capture, sip);
      // the scrape as an operator reads it, kept beside the capture
      Scrape live =
          Scrape.parse(write(dir.resolve("metrics.prom"), Http.get(exporter.url("/metrics"))));
      Path sipOnly = capture.save(sip, dir.resolve("sip-only.pcapng"));
      Scrape replayed = replay(dir, peersFile, sipOnly);
      Map<String, Long> replayJson =
          PeerCounts.ofReplayJson(json(summary(dir, peersFile, sipOnly, "json")));
      Map<String, Long> replayText =
          PeerCounts.ofReplayText(summary(dir, peersFile, sipOnly, "text"));
      System.out.printf(
          "PeersKamailioIT: tshark counted %s%nexporter (HEP) %s%nreplay --serve (pcap) %s%n"
              + "replay --format json %s%nreplay text %s%n"
              + "transactions (HEP) %s%nthe scrape's per-peer series:%n%s",
          expected,
          PeerCounts.of(live),
          PeerCounts.of(replayed),
          replayJson,
          replayText,
          PeerCounts.transactions(live),
          perPeerLines(live));

      // both peers, both directions, and the unlisted UAC leg, before any comparison
      assertThat(expected)
          .containsKeys(
              PeerCounts.key("carrier-a", "out", "INVITE", ""),
              PeerCounts.key("carrier-a", "in", "INVITE", "100"),
              PeerCounts.key("carrier-a", "in", "INVITE", "437"),
              PeerCounts.key("carrier-a", "out", "ACK", ""),
              PeerCounts.key("carrier-b", "out", "INVITE", ""),
              PeerCounts.key("carrier-b", "in", "INVITE", "100"),
              PeerCounts.key("carrier-b", "in", "INVITE", "486"),
              PeerCounts.key("carrier-b", "out", "ACK", ""),
              PeerCounts.key("", "", "INVITE", ""),
              PeerCounts.key("", "", "INVITE", "437"),
              PeerCounts.key("", "", "INVITE", "486"),
              PeerCounts.key("", "", "ACK", ""));
      // each carrier answers with its own code only: the proxy routed every call as planned
      assertThat(expected)
          .doesNotContainKeys(
              PeerCounts.key("carrier-a", "in", "INVITE", "486"),
              PeerCounts.key("carrier-b", "in", "INVITE", "437"));

      assertThat(PeerCounts.of(live)).as("exporter, from HEP").isEqualTo(expected);
      assertThat(PeerCounts.of(replayed))
          .as("replay --peers.file --serve, from pcap")
          .isEqualTo(expected);
      assertThat(replayJson).as("replay --peers.file --format json").isEqualTo(expected);
      assertThat(replayText).as("replay --peers.file, text summary").isEqualTo(expected);
      assertThat(live.sum("sip_exporter_peers")).as("peers loaded").isEqualTo(2.0);
      assertThat(live.sum("sip_exporter_parse_errors_total")).isZero();

      // transactions: counted once, at their first final response, in that response's peer and
      // direction. tshark's final responses, each retransmission once, are one per call and leg
      Map<String, Long> finals = PeerCounts.finalResponsesOnce(capture, sip, PEER_OF_ADDRESS);
      String aIn = PeerCounts.key("carrier-a", "in", "INVITE", "437");
      String bIn = PeerCounts.key("carrier-b", "in", "INVITE", "486");
      String uac437 = PeerCounts.key("", "", "INVITE", "437");
      String uac486 = PeerCounts.key("", "", "INVITE", "486");
      assertThat(finals)
          .as("tshark's final responses against sipp's calls")
          .isEqualTo(
              Map.of(
                  aIn, (long) CALLS_TO_A,
                  bIn, (long) CALLS_TO_B,
                  uac437, (long) CALLS_TO_A,
                  uac486, (long) CALLS_TO_B));
      assertThat(PeerCounts.transactions(live)).as("exporter's transactions").isEqualTo(finals);
      assertThat(PeerCounts.transactions(replayed)).as("replay's transactions").isEqualTo(finals);

      // the duration and post-dial-delay histograms carry the same labels. Replay reads the
      // capture in order: one observation per transaction. Live, a reply copied before its request
      // (Kamailio's two workers) completes a transaction without a duration, counted as reordered
      for (Leg leg :
          List.of(
              new Leg("carrier-a", "in", List.of(aIn)),
              new Leg("carrier-b", "in", List.of(bIn)),
              new Leg("", "", List.of(uac437, uac486)))) {
        double transactions = (double) leg.finals().stream().mapToLong(finals::get).sum();
        Map<String, String> labels = Map.of("peer", leg.peer(), "direction", leg.direction());
        assertThat(durations(replayed, labels))
            .as("replay's durations %s", labels)
            .isEqualTo(transactions);
        assertThat(replayed.sum("sip_invite_post_dial_delay_seconds_count", labels))
            .as("replay's post-dial delays %s", labels)
            .isEqualTo(transactions);
        assertThat(durations(live, labels))
            .as("exporter's durations %s", labels)
            .isBetween(1.0, transactions);
      }
      assertThat(
              durations(live, Map.of())
                  + live.sum(
                      "sip_exporter_transactions_reordered_total", Map.of("method", "INVITE")))
          .as("exporter's INVITE durations and reordered INVITE transactions")
          .isEqualTo(2.0 * calls.size());
    }
  }

  /** A leg's peer and direction, and the keys of its final responses. */
  private record Leg(String peer, String direction, List<String> finals) {}

  /** One call per line of uac_invite.xml, the carriers interleaved: {@code "437;carrier-a-x0"}. */
  private static List<String> calls() {
    List<String> calls = new ArrayList<>();
    for (int i = 0; i < Math.max(CALLS_TO_A, CALLS_TO_B); i++) {
      if (i < CALLS_TO_A) {
        calls.add(
            "437;carrier-a-x" + i); // uac_invite.xml accepts either final; X-Want-Reply unused
      }
      if (i < CALLS_TO_B) {
        calls.add("486;carrier-b-x" + i);
      }
    }
    return calls;
  }

  /** What tshark saw on {@code displayFilter}, per (peer, direction, method, code). */
  private static Map<String, Long> tshark(Tshark capture, String displayFilter) {
    return PeerCounts.of(capture, displayFilter, PEER_OF_ADDRESS);
  }

  /** The INVITE observations of {@code sip_transaction_duration_seconds} with {@code labels}. */
  private static double durations(Scrape scrape, Map<String, String> labels) {
    Map<String, String> match = new java.util.HashMap<>(labels);
    match.put("method", "INVITE");
    return scrape.sum("sip_transaction_duration_seconds_count", match);
  }

  /**
   * Replays {@code capture} with {@code replay --serve --peers.file} and scrapes what it serves
   * once the whole capture is read.
   */
  private static Scrape replay(Path dir, Path peersFile, Path capture) {
    int port = Ports.freeTcp();
    try (RunningProcess replay =
        Jar.args(
                "replay",
                "--serve",
                "--web.listen-address=127.0.0.1:" + port,
                "--peers.file=" + peersFile,
                capture.toString())
            .start("replay-serve", dir)) {
      replay.awaitReady(
          "replay served the whole capture",
          RunningProcess.START_DEADLINE,
          () -> replay.logText().contains("end of capture; still serving"));
      return Scrape.parse(Http.get("http://127.0.0.1:" + port + "/metrics"));
    }
  }

  /**
   * {@code replay --peers.file --format FORMAT capture}'s standard output; fails unless it exits 0.
   */
  private static String summary(Path dir, Path peersFile, Path capture, String format) {
    try (RunningProcess replay =
        Jar.args("replay", "--format", format, "--peers.file=" + peersFile, capture.toString())
            .stdoutApart()
            .start("replay-" + format, dir)) {
      int exit = replay.awaitExit(Duration.ofSeconds(60));
      assertThat(exit).as("replay --format %s exit code%n%s", format, replay.logTail()).isZero();
      return replay.stdout();
    }
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new AssertionError("replay printed no JSON: " + text, e);
    }
  }

  /**
   * The non-zero samples that carry a {@code peer} label, as the scrape shows them, histogram
   * buckets left out (the whole scrape is in {@code metrics.prom}).
   */
  private static String perPeerLines(Scrape scrape) {
    return scrape
        .toString()
        .lines()
        .filter(l -> l.contains("peer=") && !l.endsWith(" 0.0") && !l.contains("_bucket{"))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  /** Writes {@code text} to {@code file}; returns the text. */
  private static String write(Path file, String text) {
    try {
      Files.writeString(file, text);
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
