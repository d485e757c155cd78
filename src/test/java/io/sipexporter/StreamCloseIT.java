package io.sipexporter;

import static io.sipexporter.SipText.bytes;
import static io.sipexporter.SipText.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.core.ListenAddress;
import io.sipexporter.e2e.Await;
import io.sipexporter.net.ListenerOptions;
import io.sipexporter.transaction.TrackerOptions;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 2: a TCP peer that closes mid-message leaves a trace. Over real sockets, a message
 * cut short by the peer's FIN counts one {@code truncated_at_close} on its input, and a good
 * message on a new connection afterwards still counts.
 */
@org.junit.jupiter.api.Timeout(60)
class StreamCloseIT {
  private static final Duration DEADLINE = Duration.ofSeconds(15);
  private Exporter exporter;

  @BeforeEach
  void start() {
    exporter =
        Exporter.start(
            LoopbackConfig.of(ListenerOptions.defaults(), TrackerOptions.DEFAULTS, null));
  }

  @AfterEach
  void stop() {
    exporter.close();
  }

  @Test
  void sipMessageCutByThePeersCloseIsCountedAndTheNextConnectionStillCounts() throws Exception {
    sendAndClose(
        exporter.sipAddress(),
        bytes(
            "MESSAGE sip:b@192.0.2.2 SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bK-t1\r\n"
                + "Call-ID: t1\r\nCSeq: 1 MESSAGE\r\nContent-Length: 500\r\n\r\nabc"));
    assertThat(
            await(
                1,
                "sip_exporter_parse_errors_total",
                "input",
                "sip",
                "reason",
                "truncated_at_close"))
        .isEqualTo(1);

    sendAndClose(exporter.sipAddress(), request("OPTIONS", "t2", 1, ""));
    assertThat(await(1, "sip_requests_total", "method", "OPTIONS")).isEqualTo(1);
    Scrape scrape = scrape();
    assertThat(scrape.value("sip_requests_total", "method", "MESSAGE")).isZero();
    assertThat(
            scrape.value(
                "sip_exporter_parse_errors_total", "input", "sip", "reason", "truncated_at_close"))
        .isEqualTo(1);
    assertThat(
            scrape.value(
                "sip_exporter_messages_received_total", "input", "sip", "transport", "tcp"))
        .as("the cut message and the good one")
        .isEqualTo(2);
  }

  @Test
  void halfAHepPacketCutByThePeersCloseIsCountedAndTheNextConnectionStillCounts() throws Exception {
    byte[] packet = Hep3Packet.sip(request("INVITE", "h1", 1, ""), 1_764_000_000L, 0).build();
    sendAndClose(exporter.hepAddress(), Arrays.copyOf(packet, packet.length / 2));
    assertThat(
            await(
                1,
                "sip_exporter_parse_errors_total",
                "input",
                "hep",
                "reason",
                "truncated_at_close"))
        .isEqualTo(1);

    sendAndClose(exporter.hepAddress(), packet);
    assertThat(await(1, "sip_requests_total", "method", "INVITE")).isEqualTo(1);
    assertThat(
            scrape()
                .value("sip_exporter_messages_received_total", "input", "hep", "transport", "tcp"))
        .isEqualTo(2);
  }

  @Test
  void hepV2OverTcpIsFramedByTheSipContentLengthAndACutOneCounted() throws Exception {
    // issue 12, item 7: HEPv2 over TCP was refused as hep_bad_magic
    byte[] v2 = io.sipexporter.hep.HexVector.load("hep/hep2-kamailio-invite.hex");
    byte[] stream = new byte[2 * v2.length + 40];
    System.arraycopy(v2, 0, stream, 0, v2.length);
    System.arraycopy(v2, 0, stream, v2.length, v2.length);
    System.arraycopy(v2, 0, stream, 2 * v2.length, 40); // the third cut inside its SIP headers
    sendAndClose(exporter.hepAddress(), stream);
    assertThat(await(2, "sip_requests_total", "method", "INVITE")).isEqualTo(2);
    assertThat(
            await(
                1,
                "sip_exporter_parse_errors_total",
                "input",
                "hep",
                "reason",
                "truncated_at_close"))
        .isEqualTo(1);
    assertThat(
            scrape()
                .value(
                    "sip_exporter_parse_errors_total", "input", "hep", "reason", "hep_bad_magic"))
        .isZero();
  }

  @Test
  void hepV3WithTwoPayloadChunksIsCountedNotHalfRead() throws Exception {
    byte[] twice = io.sipexporter.hep.HexVector.load("hep/issue-12-two-payload-chunks.hex");
    sendAndClose(exporter.hepAddress(), twice);
    assertThat(
            await(
                1,
                "sip_exporter_parse_errors_total",
                "input",
                "hep",
                "reason",
                "hep_duplicate_payload"))
        .isEqualTo(1);
    assertThat(scrape().sum("sip_requests_total")).isZero();
  }

  @Test
  void aCloseBetweenWholeMessagesCountsNothingLost() throws Exception {
    sendAndClose(exporter.sipAddress(), request("OPTIONS", "t3", 1, ""));
    assertThat(await(1, "sip_requests_total", "method", "OPTIONS")).isEqualTo(1);
    assertThat(await(0, "sip_exporter_tcp_connections", "input", "sip")).isZero();
    assertThat(scrape().sum("sip_exporter_parse_errors_total")).isZero();
  }

  private static void sendAndClose(ListenAddress to, byte[] data) throws IOException {
    try (Socket socket = new Socket(to.host(), to.port())) {
      socket.getOutputStream().write(data);
      socket.getOutputStream().flush();
    } // close(): FIN after the bytes
  }

  private Scrape scrape() {
    return Scrape.of("http://" + exporter.webAddress() + "/metrics");
  }

  /** Waits until the sample has {@code expected}; returns it (fails after {@code DEADLINE}). */
  private double await(double expected, String name, String... labels) {
    double[] last = {Double.NaN};
    Await.until(
        name + " " + String.join(",", labels) + " = " + expected,
        DEADLINE,
        () -> (last[0] = scrape().value(name, labels)) == expected,
        () -> "last value " + last[0]);
    return last[0];
  }
}
