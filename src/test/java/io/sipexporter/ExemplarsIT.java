package io.sipexporter;

import static io.sipexporter.SipText.request;
import static io.sipexporter.SipText.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.core.ListenAddress;
import io.sipexporter.e2e.Await;
import io.sipexporter.load.Exposition;
import io.sipexporter.load.Exposition.Sample;
import io.sipexporter.net.ListenerOptions;
import io.sipexporter.transaction.TrackerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --transactions.exemplars} on the real exporter: a call in HEPv3 over real UDP sockets,
 * {@code /metrics} scraped as OpenMetrics shows its Call-ID on the bucket of each duration it gave,
 * and the Prometheus text scrape stays parseable and free of exemplars.
 */
@org.junit.jupiter.api.Timeout(60)
class ExemplarsIT {
  private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0";
  private static final String CALL_ID = "3c26700c4a7d-it@192.0.2.10";

  private Exporter exporter;

  private void start(boolean exemplars) {
    exporter =
        Exporter.start(
            LoopbackConfig.of(
                ListenerOptions.defaults(),
                TrackerOptions.DEFAULTS.withExemplars(exemplars),
                null));
  }

  @AfterEach
  void stop() {
    exporter.close();
  }

  @Test
  void openMetricsShowsTheCallIdOnTheBucketOfEachDuration() throws Exception {
    start(true);
    sendCall();
    String text = awaitCallEnded();
    assertThat(text).doesNotContain(" # {", CALL_ID);
    Scrape scrape = Scrape.parse(text);
    assertThat(scrape.transactions("INVITE", 200)).isEqualTo(1);
    assertThat(scrape.transactions("BYE", 200)).isEqualTo(1);

    String om = get(OPENMETRICS);
    assertThat(om).endsWith("# EOF\n");
    List<String> seen = new ArrayList<>();
    String series = null;
    boolean counted = false;
    for (Sample bucket : Exposition.parse(om).samples()) {
      if (!bucket.name().endsWith("_bucket")) {
        continue;
      }
      String histogram = bucket.name().substring(0, bucket.name().length() - "_bucket".length());
      // the labels before le, as the line has them: class="2xx",method="INVITE",
      StringBuilder labels = new StringBuilder();
      bucket.labels().entrySet().stream()
          .takeWhile(l -> !l.getKey().equals("le"))
          .forEach(l -> labels.append(l.getKey()).append("=\"").append(l.getValue()).append("\","));
      String name = histogram + "{" + labels;
      if (!name.equals(series)) {
        series = name;
        counted = false;
      }
      boolean first = !counted && bucket.value() > 0;
      counted |= first;
      Exposition.Exemplar exemplar = bucket.exemplar();
      if (exemplar == null) {
        continue;
      }
      // the exemplar sits on the first bucket that counts the call's one observation
      assertThat(first).as("%s", bucket).isTrue();
      assertThat(exemplar.labels().keySet())
          .as("%s", bucket)
          .containsExactly("span_id", "trace_id");
      assertThat(exemplar.timestamp()).as("%s", bucket).isNotNull();
      String le = bucket.labels().get("le");
      assertThat(exemplar.value())
          .as("%s", bucket)
          .isLessThanOrEqualTo(
              le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le));
      seen.add(
          histogram
              + " "
              + labels
              + " "
              + exemplar.labels().get("span_id")
              + " "
              + exemplar.labels().get("trace_id")
              + " "
              + exemplar.value());
    }
    // the values are the capture-time gaps sendCall() stamped
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "sip_transaction_duration_seconds class=\"2xx\",method=\"INVITE\", 1 INVITE "
                + CALL_ID
                + " 0.1",
            "sip_transaction_duration_seconds class=\"2xx\",method=\"BYE\", 2 BYE "
                + CALL_ID
                + " 0.02",
            "sip_invite_post_dial_delay_seconds  1 INVITE " + CALL_ID + " 0.1",
            "sip_call_duration_seconds  2 BYE " + CALL_ID + " 0.2");
  }

  @Test
  void withoutTheFlagNeitherFormatHasExemplars() throws Exception {
    start(false);
    sendCall();
    assertThat(awaitCallEnded()).doesNotContain(" # {", CALL_ID);
    String om = get(OPENMETRICS);
    assertThat(om).contains("sip_call_duration_seconds_count 1\n");
    assertThat(om).doesNotContain(" # {", CALL_ID);
  }

  /**
   * INVITE, 200 OK 100 ms later, BYE of that dialog 200 ms after, its 200 OK 20 ms later: sent as
   * HEPv3 over UDP, so the capture times set the durations and the test waits for nothing.
   */
  private void sendCall() throws IOException {
    long seconds = System.currentTimeMillis() / 1000;
    // SipText's requests open dialogs; the BYE names the callee's tag the 200 gave
    String bye =
        new String(request("BYE", CALL_ID, 2, ""), java.nio.charset.StandardCharsets.UTF_8)
            .replace("To: <sip:bob@example.com>\r\n", "To: <sip:bob@example.com>;tag=b2\r\n");
    try (DatagramSocket udp = new DatagramSocket()) {
      send(udp, Hep3Packet.sip(request("INVITE", CALL_ID, 1, ""), seconds, 0).build());
      send(
          udp, Hep3Packet.sip(response(200, "OK", "INVITE", CALL_ID, 1), seconds, 100_000).build());
      send(udp, Hep3Packet.sip(SipText.bytes(bye), seconds, 300_000).build());
      send(udp, Hep3Packet.sip(response(200, "OK", "BYE", CALL_ID, 2), seconds, 320_000).build());
    }
  }

  /** Polls the text format until the call has ended; returns that scrape. */
  private String awaitCallEnded() {
    String[] text = {""};
    Await.until(
        "the call to end",
        Duration.ofSeconds(15),
        () -> {
          try {
            text[0] = get(null);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          Scrape scrape = Scrape.parse(text[0]);
          return scrape.value("sip_calls_ended_total", "by", "caller") >= 1
              && scrape.transactions("BYE", 200) >= 1;
        },
        () -> text[0]);
    return text[0];
  }

  private String get(String accept) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://" + exporter.webAddress() + "/metrics"))
            .timeout(Duration.ofSeconds(10));
    if (accept != null) {
      request.header("Accept", accept);
    }
    HttpResponse<String> response =
        Scrape.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith(accept == null ? "text/plain" : "application/openmetrics-text");
    return response.body();
  }

  private void send(DatagramSocket udp, byte[] datagram) throws IOException {
    ListenAddress hep = exporter.hepAddress();
    udp.send(
        new DatagramPacket(
            datagram, datagram.length, InetAddress.getByName(hep.host()), hep.port()));
  }
}
