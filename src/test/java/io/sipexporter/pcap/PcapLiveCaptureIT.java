package io.sipexporter.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.e2e.SipStat;
import io.sipexporter.e2e.SippCapture;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Records real sipp uac -> uas traffic on loopback with tshark, reads the capture, and compares the
 * per-(method, status code) counts with {@code tshark -z sip,stat}. Needs root (capture on lo),
 * tshark and sipp: a missing tool fails the test, it is never skipped.
 */
class PcapLiveCaptureIT {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"u1, pcapng", "u1, pcap", "t1, pcapng", "t1, pcap"})
  void readerCountsWhatTsharkCounts(String transport, String format) throws Exception {
    SippCapture capture = SippCapture.record(dir, transport, format, 20);

    Map<String, Integer> expected =
        SipStat.of(dir, capture.file(), capture.proto(), capture.port());
    assertThat(expected).containsEntry("INVITE", 20).containsEntry("BYE", 20);
    SipCounter counted;
    try (InputStream in = Files.newInputStream(capture.file())) {
      counted = SipCounter.read(in);
    }
    assertThat(counted.messages).isEqualTo(expected);
    assertThat(counted.errors).isEmpty();
  }
}
