package io.sipexporter.replay;

import static io.sipexporter.SipText.request;
import static io.sipexporter.SipText.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.Hep3Packet;
import io.sipexporter.transaction.TrackerOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: a capture record stamped 0xFFFFFFFF (2106) moved the replay's clock to 2106 and gave
 * wrong outcomes with {@code complete: true}. With no receive time, the capture's running clock is
 * the reference: a frame from the future, or far behind, is read at the running clock's time.
 */
class ReplayClockSkewTest {
  private static final long T = 1_764_720_000L; // 2025-12-03, epoch seconds
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ByteArrayOutputStream pcap = new ByteArrayOutputStream();

  ReplayClockSkewTest() {
    // classic pcap, big-endian, LINKTYPE_RAW (101): each frame an IPv4/UDP datagram
    write(
        ByteBuffer.allocate(24)
            .putInt(0xa1b2c3d4)
            .putShort((short) 2)
            .putShort((short) 4)
            .putInt(0)
            .putInt(0)
            .putInt(65535)
            .putInt(101));
  }

  @Test
  void aFrameStampedIn2106IsReadAtTheRunningClockAndLaterTransactionsAllComplete()
      throws IOException {
    frame(T, 0, request("INVITE", "ringing", 1, ""));
    frame(T, 100_000, response(180, "Ringing", "INVITE", "ringing", 1));
    frame(0xFFFFFFFFL, 0, request("INVITE", "from-2106", 1, ""));
    twentyOptions(T + 1);
    CaptureReplay.Outcome outcome = replay();

    assertThat(count("sip.transactions", "method", "OPTIONS", "code", "200", "class", "2xx"))
        .isEqualTo(20);
    assertThat(count("sip.exporter.unmatched.responses", "method", "OPTIONS")).isZero();
    assertThat(count("sip.exporter.clock.skew", "input", "pcap")).isEqualTo(1);
    assertThat(count("sip.requests", "method", "INVITE")).isEqualTo(2);
    assertThat(outcome.lastNanos()).isEqualTo((T + 20) * 1_000_000_000L + 50_000_000L);
    // both INVITEs were open at the end of the capture, the 2106 one timed from the running clock
    assertThat(outcome.openAtEnd()).isEqualTo(2);
  }

  @Test
  void aFirstFrameFromTheFutureIsCountedNotTrackedAndAFrameFarBehindIsReadAtTheRunningClock()
      throws IOException {
    frame(0xFFFFFFFFL, 0, request("OPTIONS", "first-2106", 1, ""));
    twentyOptions(T);
    frame(T + 30, 0, request("OPTIONS", "late", 1, ""));
    frame(7, 0, response(200, "OK", "OPTIONS", "late", 1)); // 1970: far behind
    CaptureReplay.Outcome outcome = replay();

    assertThat(count("sip.transactions", "method", "OPTIONS", "code", "200", "class", "2xx"))
        .isEqualTo(21);
    assertThat(count("sip.exporter.clock.skew", "input", "pcap")).isEqualTo(2);
    assertThat(count("sip.requests", "method", "OPTIONS")).isEqualTo(22);
    assertThat(outcome.firstNanos()).isEqualTo(T * 1_000_000_000L);
    assertThat(outcome.openAtEnd()).isZero();
  }

  @Test
  void aHepStampIn2106InsideACaptureIsCheckedAgainstItsFrameTime() throws IOException {
    frame(T, 0, Hep3Packet.sip(request("OPTIONS", "hep-2106", 1, ""), 0xFFFFFFFFL, 0).build());
    frame(T, 10_000, Hep3Packet.sip(response(200, "OK", "OPTIONS", "hep-2106", 1), T, 10).build());
    twentyOptions(T + 1);
    replay();
    assertThat(count("sip.transactions", "method", "OPTIONS", "code", "200", "class", "2xx"))
        .isEqualTo(21);
    assertThat(count("sip.exporter.clock.skew", "input", "pcap")).isEqualTo(1);
  }

  private void twentyOptions(long from) {
    for (int i = 0; i < 20; i++) {
      frame(from + i, 0, request("OPTIONS", "after-" + i, 1, ""));
      frame(from + i, 50_000, response(200, "OK", "OPTIONS", "after-" + i, 1));
    }
  }

  private CaptureReplay.Outcome replay() throws IOException {
    return new CaptureReplay(registry, TrackerOptions.DEFAULTS, 65535)
        .read(new ByteArrayInputStream(pcap.toByteArray()));
  }

  /** One IPv4/UDP frame, 192.0.2.1:5060 to 192.0.2.2:5060 (HEP too: any port). */
  private void frame(long seconds, int micros, byte[] payload) {
    int length = 28 + payload.length;
    write(
        ByteBuffer.allocate(16).putInt((int) seconds).putInt(micros).putInt(length).putInt(length));
    write(
        ByteBuffer.allocate(length)
            .put((byte) 0x45)
            .put((byte) 0)
            .putShort((short) length)
            .putInt(0)
            .put((byte) 64)
            .put((byte) 17)
            .putShort((short) 0)
            .put(new byte[] {(byte) 192, 0, 2, 1})
            .put(new byte[] {(byte) 192, 0, 2, 2})
            .putShort((short) 5060)
            .putShort((short) 5060)
            .putShort((short) (8 + payload.length))
            .putShort((short) 0)
            .put(payload));
  }

  private void write(ByteBuffer b) {
    pcap.write(b.array(), b.arrayOffset(), b.position());
  }

  private double count(String name, String... tags) {
    var counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }
}
