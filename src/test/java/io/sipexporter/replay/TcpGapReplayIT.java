package io.sipexporter.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.e2e.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12, item 3: a TCP capture with a segment lost, generated here, counts in replay what tshark
 * counts in the same file (tshark resynchronises on the next message start after a gap).
 */
class TcpGapReplayIT {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(ints = {3, 13})
  void oneFlowWithASegmentMissingCountsWhatTsharkCounts(int lost) throws Exception {
    TcpCapture capture = GapCaptures.messagePerSegment(lost);
    long tshark = tsharkRequests(capture);

    PrometheusMeterRegistry r = GapCaptures.replay(capture);
    assertThat(tshark).isEqualTo(GapCaptures.MESSAGES - 1); // the lost one alone is missing
    assertThat(GapCaptures.options(r)).isEqualTo((double) tshark);
    assertThat(GapCaptures.parseErrors(r, "tcp_gap")).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 13})
  void aMessageCutInHalfByTheGapCountsWhatTsharkCounts(int cut) throws Exception {
    TcpCapture capture = GapCaptures.halfSegments(cut);
    long tshark = tsharkRequests(capture);

    PrometheusMeterRegistry r = GapCaptures.replay(capture);
    assertThat(GapCaptures.options(r)).isEqualTo((double) tshark);
    assertThat(GapCaptures.parseErrors(r, "truncated_at_gap")).isEqualTo(1);
  }

  /** SIP requests tshark decodes in the capture ({@code -Y sip.Method}). */
  private long tsharkRequests(TcpCapture capture) throws IOException, InterruptedException {
    Path pcap = dir.resolve("gap.pcap");
    capture.write(pcap);
    Path out = dir.resolve("tshark.tsv");
    Process p =
        new ProcessBuilder(
                Tool.TSHARK.path(),
                "-r",
                pcap.toString(),
                "-Y",
                "sip.Method",
                "-T",
                "fields",
                "-e",
                "sip.CSeq.seq")
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("tshark.err").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("tshark finished").isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("tshark.err"))).isZero();
    // one line per frame; a frame may carry several messages, each with its CSeq
    return Files.readAllLines(out).stream()
        .filter(l -> !l.isBlank())
        .mapToLong(l -> l.split(",").length)
        .sum();
  }
}
