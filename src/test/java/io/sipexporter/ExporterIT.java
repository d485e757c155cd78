package io.sipexporter;

import static io.sipexporter.SipText.bytes;
import static io.sipexporter.SipText.request;
import static io.sipexporter.SipText.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.core.ListenAddress;
import io.sipexporter.e2e.Await;
import io.sipexporter.net.ListenerOptions;
import io.sipexporter.transaction.TrackerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real exporter on ephemeral loopback ports: SIP over real UDP and TCP sockets in, {@code
 * /metrics} scraped over HTTP, exact counts per (method, code, class) out.
 */
@org.junit.jupiter.api.Timeout(60)
class ExporterIT {
  private static final Duration DEADLINE = Duration.ofSeconds(15);
  private Exporter exporter;

  private void start(ListenerOptions options) {
    start(options, null);
  }

  private void start(ListenerOptions options, String hepAuthKey) {
    exporter = Exporter.start(LoopbackConfig.of(options, TrackerOptions.DEFAULTS, hepAuthKey));
  }

  @AfterEach
  void stop() {
    exporter.close();
  }

  @Test
  void countsUdpResponsesByMethodCodeAndClassAcrossMalformedMessages() throws Exception {
    start(ListenerOptions.defaults());
    try (DatagramSocket udp = new DatagramSocket()) {
      send(udp, request("INVITE", "c1", 1, "v=0\r\n"));
      send(udp, response(100, "Trying", "INVITE", "c1", 1));
      send(udp, bytes("\r\n\r\n")); // keep-alive: neither a message nor an error
      send(udp, response(180, "Ringing", "INVITE", "c1", 1));
      send(udp, bytes("\u0000\u0001\u0002 binary junk \u00ff"));
      send(udp, response(200, "OK", "INVITE", "c1", 1));
      send(
          udp,
          bytes(
              "SIP/2.0 700 Way Out\r\nCSeq: 1 INVITE\r\nCall-ID: x\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\r\n\r\n"));
      send(udp, request("ACK", "c1", 1, ""));
      send(udp, response(437, "Unsupported Certificate", "INVITE", "c2", 1));
      send(udp, response(437, "Unsupported Credential", "INVITE", "c3", 1));
      send(
          udp,
          bytes(
              "SIP/2.0 486 Busy Here\r\nCall-ID: c4\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKy\r\n\r\n"));
      send(udp, response(486, "Busy Here", "INVITE", "c5", 1));
      send(udp, response(401, "Unauthorized", "REGISTER", "r1", 1));
      send(udp, response(200, "OK", "REGISTER", "r1", 2));
      send(
          udp,
          request("FOO", "f1", 1, "v=0\r\n" + "a=x\r\n".repeat(2000))); // a 12 kB datagram, whole
      send(udp, response(501, "Not Implemented", "FOO", "f1", 1));
    }
    Scrape scrape = awaitMessages("udp", 16); // 15 messages and a keep-alive datagram

    assertThat(scrape.responses("INVITE", 100)).isEqualTo(1);
    assertThat(scrape.responses("INVITE", 180)).isEqualTo(1);
    assertThat(scrape.responses("INVITE", 200)).isEqualTo(1);
    assertThat(scrape.responses("INVITE", 437))
        .as("437 counted once per message whichever reason phrase it carries")
        .isEqualTo(2);
    assertThat(scrape.responses("INVITE", 486)).isEqualTo(1);
    assertThat(scrape.responses("REGISTER", 401)).isEqualTo(1);
    assertThat(scrape.responses("REGISTER", 200)).isEqualTo(1);
    assertThat(scrape.responses("other", 501)).isEqualTo(1);
    assertThat(scrape.sum("sip_responses_total")).isEqualTo(9);
    assertThat(scrape.value("sip_requests_total", "method", "INVITE")).isEqualTo(1);
    assertThat(scrape.value("sip_requests_total", "method", "ACK")).isEqualTo(1);
    assertThat(scrape.value("sip_requests_total", "method", "other")).isEqualTo(1);
    assertThat(scrape.sum("sip_requests_total")).isEqualTo(3);
    assertThat(scrape.value("sip_exporter_parse_errors_total", "input", "sip", "reason", "not_sip"))
        .isEqualTo(1);
    assertThat(
            scrape.value(
                "sip_exporter_parse_errors_total", "input", "sip", "reason", "bad_status_code"))
        .isEqualTo(1);
    assertThat(
            scrape.value(
                "sip_exporter_parse_errors_total", "input", "sip", "reason", "missing_cseq"))
        .as("%s", scrape)
        .isEqualTo(1);
    assertThat(scrape.sum("sip_exporter_parse_errors_total")).isEqualTo(3);
    // transactions: c1's INVITE is answered once; f1's FOO gets its 501; the rest had no request
    assertThat(scrape.transactions("INVITE", 200)).isEqualTo(1);
    assertThat(scrape.transactions("other", 501)).isEqualTo(1);
    assertThat(scrape.sum("sip_transactions_total")).isEqualTo(2);
    // the rest are held --transactions.reorder-window (500 ms) for a late request, then unmatched
    assertThat(awaitValue(3, "sip_exporter_unmatched_responses_total", "method", "INVITE"))
        .isEqualTo(3);
    assertThat(awaitValue(2, "sip_exporter_unmatched_responses_total", "method", "REGISTER"))
        .isEqualTo(2);
    assertThat(scrape.value("sip_calls_active")).as("c1 answered, no BYE yet").isEqualTo(1);
  }

  @Test
  void framesTcpStreamsAndClosesOnlyTheConnectionThatBreaksTheLimit() throws Exception {
    start(ListenerOptions.defaults().withMaxMessageBytes(4096));
    try (Socket good = tcp();
        Socket bad = tcp()) {
      OutputStream out = good.getOutputStream();
      // several messages in one write, with keep-alives between them
      out.write(
          concat(
              request("OPTIONS", "o1", 1, ""),
              bytes("\r\n\r\n"),
              response(200, "OK", "OPTIONS", "o1", 1)));
      out.flush();
      // one message split across writes
      byte[] invite = response(503, "Service Unavailable", "INVITE", "i1", 1);
      for (int i = 0; i < invite.length; i += 7) {
        out.write(invite, i, Math.min(7, invite.length - i));
        out.flush();
      }
      // over --sip.max-message-bytes (4096 here): counted, and that connection closed
      bad.getOutputStream().write(request("MESSAGE", "m1", 1, "x".repeat(5000)));
      bad.getOutputStream().flush();
      assertThat(readUntilClosed(bad.getInputStream()))
          .as("the exporter closes the oversize stream")
          .isTrue();
      // the other connection still counts
      out.write(response(200, "OK", "SUBSCRIBE", "s1", 1));
      out.flush();
      Scrape scrape = awaitMessages("tcp", 5);
      assertThat(scrape.value("sip_requests_total", "method", "OPTIONS")).isEqualTo(1);
      assertThat(scrape.responses("OPTIONS", 200)).isEqualTo(1);
      assertThat(scrape.responses("INVITE", 503)).isEqualTo(1);
      assertThat(scrape.responses("SUBSCRIBE", 200)).isEqualTo(1);
      assertThat(scrape.value("sip_requests_total", "method", "MESSAGE")).isZero();
      assertThat(
              scrape.value(
                  "sip_exporter_parse_errors_total", "input", "sip", "reason", "too_large"))
          .isEqualTo(1);
    }
  }

  @Test
  void refusesConnectionsOverTheLimit() throws Exception {
    start(ListenerOptions.defaults().withTcpMaxConnections(1));
    try (Socket first = tcp()) {
      first.getOutputStream().write(request("OPTIONS", "o1", 1, ""));
      first.getOutputStream().flush();
      awaitMessages("tcp", 1);
      try (Socket second = tcp()) {
        assertThat(readUntilClosed(second.getInputStream()))
            .as("second connection refused")
            .isTrue();
      }
      assertThat(
              awaitValue(
                  1,
                  "sip_exporter_limits_reached_total",
                  "input",
                  "sip",
                  "limit",
                  "tcp_max_connections"))
          .isEqualTo(1);
      assertThat(awaitValue(1, "sip_exporter_tcp_connections", "input", "sip"))
          .as("the first stays open")
          .isEqualTo(1);
    }
    assertThat(awaitValue(0, "sip_exporter_tcp_connections", "input", "sip")).isZero();
  }

  @Test
  void closesPeersThatTrickleAMessageAndNeverFinishIt() throws Exception {
    start(ListenerOptions.defaults().withTcpIdleTimeout(Duration.ofMillis(400)));
    try (Socket peer = tcp()) {
      peer.getOutputStream().write(bytes("INVITE sip:bob@example.com SIP/2.0\r\nVia: "));
      peer.getOutputStream().flush();
      assertThat(readUntilClosed(peer.getInputStream())).as("idle peer closed").isTrue();
    }
    assertThat(
            awaitValue(
                1,
                "sip_exporter_limits_reached_total",
                "input",
                "sip",
                "limit",
                "tcp_idle_timeout"))
        .isEqualTo(1);
    assertThat(awaitValue(0, "sip_exporter_tcp_connections", "input", "sip")).isZero();
    assertThat(awaitValue(0, "sip_exporter_udp_receive_drops_total", "input", "sip")).isZero();
  }

  /** Waits until the sample has {@code expected}; returns it (fails after {@code DEADLINE}). */
  private double awaitValue(double expected, String name, String... labels) {
    double[] last = {Double.NaN};
    Await.until(
        name + " " + String.join(",", labels) + " = " + expected,
        DEADLINE,
        () ->
            (last[0] =
                    Scrape.of("http://" + exporter.webAddress() + "/metrics").value(name, labels))
                == expected,
        () -> "last value " + last[0]);
    return last[0];
  }

  @Test
  void unwrapsHepOverUdpAndTcpAndCountsPayloadTypes() throws Exception {
    start(ListenerOptions.defaults());
    try (DatagramSocket udp = new DatagramSocket();
        Socket tcp = new Socket(exporter.hepAddress().host(), exporter.hepAddress().port())) {
      sendHep(
          udp,
          Hep3Packet.sip(
                  response(437, "Unsupported Certificate", "INVITE", "h1", 1), 1_764_000_000L, 5)
              .build());
      sendHep(
          udp,
          new Hep3Packet()
              .u8(11, 5)
              .bytes(15, new byte[] {(byte) 0x80, (byte) 200, 0, 1})
              .build()); // RTCP
      sendHep(udp, bytes("HEP3 but not really")); // its length field claims 8290 bytes
      // two packets in one TCP write, then one split in two writes
      byte[] a = Hep3Packet.sip(request("INVITE", "h2", 1, ""), 1_764_000_001L, 0).build();
      byte[] b =
          Hep3Packet.sip(response(180, "Ringing", "INVITE", "h2", 1), 1_764_000_001L, 900).build();
      byte[] c = Hep3Packet.sip(response(200, "OK", "INVITE", "h2", 1), 1_764_000_002L, 0).build();
      tcp.getOutputStream().write(concat(a, b));
      tcp.getOutputStream().write(c, 0, 9);
      tcp.getOutputStream().flush();
      tcp.getOutputStream().write(c, 9, c.length - 9);
      tcp.getOutputStream().flush();
      awaitMessages("hep", "tcp", 3);
      Scrape scrape = awaitMessages("hep", "udp", 3);
      assertThat(scrape.responses("INVITE", 437)).isEqualTo(1);
      assertThat(scrape.responses("INVITE", 180)).isEqualTo(1);
      assertThat(scrape.responses("INVITE", 200)).isEqualTo(1);
      assertThat(scrape.value("sip_requests_total", "method", "INVITE")).isEqualTo(1);
      assertThat(scrape.value("sip_exporter_hep_payloads_total", "type", "sip")).isEqualTo(4);
      assertThat(scrape.value("sip_exporter_hep_payloads_total", "type", "rtcp")).isEqualTo(1);
      assertThat(
              scrape.value(
                  "sip_exporter_parse_errors_total", "input", "hep", "reason", "hep_truncated"))
          .as("errors: %s", Scrape.of("http://" + exporter.webAddress() + "/metrics").toString())
          .isEqualTo(1);
    }
  }

  @Test
  void hepAuthKeyDropsPacketsWithoutIt() throws Exception {
    start(ListenerOptions.defaults(), "s3cret");
    try (DatagramSocket udp = new DatagramSocket()) {
      sendHep(
          udp,
          Hep3Packet.sip(response(503, "Service Unavailable", "INVITE", "k1", 1), 1, 0).build());
      sendHep(
          udp,
          Hep3Packet.sip(response(503, "Service Unavailable", "INVITE", "k2", 1), 1, 0)
              .bytes(14, bytes("wrong"))
              .build());
      sendHep(
          udp,
          Hep3Packet.sip(response(503, "Service Unavailable", "INVITE", "k3", 1), 1, 0)
              .bytes(14, bytes("s3cret"))
              .build());
    }
    Scrape scrape = awaitMessages("hep", "udp", 3);
    assertThat(scrape.responses("INVITE", 503)).isEqualTo(1);
    assertThat(
            scrape.value(
                "sip_exporter_parse_errors_total", "input", "hep", "reason", "hep_bad_auth_key"))
        .as("%s", scrape)
        .isEqualTo(2);
  }

  private void sendHep(DatagramSocket udp, byte[] datagram) throws IOException {
    ListenAddress hep = exporter.hepAddress();
    udp.send(
        new DatagramPacket(
            datagram, datagram.length, InetAddress.getByName(hep.host()), hep.port()));
  }

  private Scrape awaitMessages(String transport, int expected) {
    return awaitMessages("sip", transport, expected);
  }

  private Scrape awaitMessages(String input, String transport, int expected) {
    String url = "http://" + exporter.webAddress() + "/metrics";
    double[] last = {0};
    Await.until(
        expected + " " + input + "/" + transport + " messages",
        DEADLINE,
        () ->
            (last[0] =
                    Scrape.of(url)
                        .value(
                            "sip_exporter_messages_received_total",
                            "input",
                            input,
                            "transport",
                            transport))
                >= expected,
        () -> "scrape had " + last[0]);
    // scrape again: a scrape lists the series that existed when it began, and a series born while
    // it ran (the first 503, say) shows only in the next one
    return Scrape.of(url);
  }

  private void send(DatagramSocket udp, byte[] datagram) throws IOException {
    ListenAddress sip = exporter.sipAddress();
    udp.send(
        new DatagramPacket(
            datagram, datagram.length, InetAddress.getByName(sip.host()), sip.port()));
  }

  private Socket tcp() throws IOException {
    Socket socket = new Socket(exporter.sipAddress().host(), exporter.sipAddress().port());
    socket.setSoTimeout((int) DEADLINE.toMillis());
    return socket;
  }

  /**
   * Reads until the exporter closes the connection: EOF, or a reset when our unread bytes remain.
   */
  private static boolean readUntilClosed(InputStream in) throws IOException {
    byte[] buf = new byte[256];
    try {
      while (in.read(buf) >= 0) {
        // the exporter never writes; keep reading until it closes
      }
    } catch (java.net.SocketException e) {
      if (!String.valueOf(e.getMessage()).contains("reset")) {
        throw e;
      }
    }
    return true;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
