package io.sipexporter.replay;

import static io.sipexporter.replay.GapCaptures.MESSAGES;
import static io.sipexporter.replay.GapCaptures.options;
import static io.sipexporter.replay.GapCaptures.parseErrors;
import static io.sipexporter.replay.GapCaptures.replay;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replay after a TCP gap resynchronises on the next start line and counts what follows. */
class TcpGapReplayTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 3, 13, 25})
  void aLostSegmentCostsOnlyItsMessage(int lost) {
    PrometheusMeterRegistry r = replay(GapCaptures.messagePerSegment(lost));
    assertThat(options(r)).isEqualTo(MESSAGES - 1);
    assertThat(parseErrors(r, "tcp_gap")).isEqualTo(lost == MESSAGES ? 0 : 1);
    assertThat(parseErrors(r, "truncated_at_gap")).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 24})
  void aMessageCutByAGapIsCountedAndTheNextOneResyncs(int cut) {
    PrometheusMeterRegistry r = replay(GapCaptures.halfSegments(cut));
    assertThat(options(r)).isEqualTo(MESSAGES - 1);
    assertThat(parseErrors(r, "tcp_gap")).isEqualTo(1);
    assertThat(parseErrors(r, "truncated_at_gap")).isEqualTo(1);
    assertThat(parseErrors(r, "bad_start_line")).isZero();
  }

  @Test
  void aFlowEndingMidMessageCountsItTruncatedAtClose() {
    String last = GapCaptures.options(2);
    TcpCapture c = new TcpCapture().syn().data(GapCaptures.options(1));
    PrometheusMeterRegistry r = replay(c.data(last.substring(0, last.length() - 2)).fin());
    assertThat(options(r)).isEqualTo(1);
    assertThat(parseErrors(r, "truncated_at_close")).isEqualTo(1);
    assertThat(r.scrape())
        .contains("sip_exporter_messages_received_total{input=\"pcap\",transport=\"tcp\"} 2.0");
  }

  @Test
  void segmentsHeldLongerThanTheBoundAreDeliveredAfterAGap() {
    TcpCapture c = new TcpCapture().syn().data(GapCaptures.options(1)).lost(GapCaptures.options(2));
    c.data(GapCaptures.options(3)).pause(3000).data(GapCaptures.options(4));
    // no FIN: the flow is still open when the held segments give up waiting for the hole
    PrometheusMeterRegistry r = replay(c);
    assertThat(options(r)).isEqualTo(3);
    assertThat(parseErrors(r, "tcp_gap")).isEqualTo(1);
  }

  @Test
  void randomCutsAndLossesNeverFeedTheScannerAPartialMessage() {
    // every message in the stream is valid: after any pattern of gaps, resync must only ever hand
    // whole messages on, so the only errors are the gaps and the messages they cut
    java.util.Random random = new java.util.Random(12);
    for (int round = 0; round < 200; round++) {
      StringBuilder all = new StringBuilder();
      for (int i = 1; i <= MESSAGES; i++) {
        all.append(GapCaptures.options(i));
      }
      TcpCapture c = new TcpCapture().syn();
      int lostSegments = 0;
      for (int pos = 0; pos < all.length(); ) {
        int n = Math.min(all.length() - pos, 1 + random.nextInt(600));
        String segment = all.substring(pos, pos + n);
        if (random.nextInt(8) == 0) {
          c.lost(segment);
          lostSegments++;
        } else {
          c.data(segment);
        }
        pos += n;
      }
      PrometheusMeterRegistry r = replay(random.nextBoolean() ? c.fin() : c);
      double gaps = parseErrors(r, "tcp_gap");
      assertThat(gaps).as("round %d", round).isLessThanOrEqualTo(lostSegments);
      assertThat(parseErrors(r, "truncated_at_gap") + parseErrors(r, "truncated_at_close"))
          .as("round %d", round)
          .isLessThanOrEqualTo(gaps + 1);
      assertThat(options(r)).as("round %d", round).isLessThanOrEqualTo(MESSAGES);
      assertThat(r.scrape())
          .as("round %d", round)
          .doesNotContain("bad_start_line", "not_sip", "bad_content_length", "missing_");
      if (lostSegments == 0) {
        assertThat(options(r)).isEqualTo(MESSAGES);
      }
    }
  }
}
