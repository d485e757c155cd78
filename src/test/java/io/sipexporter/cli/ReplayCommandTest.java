package io.sipexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay} in process on the bundled captures: the summaries, asserted against golden files.
 */
class ReplayCommandTest {
  @TempDir Path dir;

  @Test
  void textSummaryReadsLikeTsharkSipStat() throws IOException {
    Path capture = copy("sipp-3calls-tcp.pcap");

    CliRun run = CliRun.of(new ReplayCommand(), capture.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out().replace(capture.toString(), "sipp-3calls-tcp.pcap"))
        .isEqualTo(golden("sipp-3calls-tcp.txt"));
  }

  @Test
  void jsonSummaryHasTheDocumentedFields() throws IOException {
    Path capture = copy("sipp-3calls-udp.pcapng");

    CliRun run = CliRun.of(new ReplayCommand(), "--format", "json", capture.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().replace(capture.toString(), "sipp-3calls-udp.pcapng"))
        .isEqualTo(golden("sipp-3calls-udp.json"));
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly(
            "source",
            "complete",
            "error",
            "frames",
            "firstTime",
            "lastTime",
            "durationSeconds",
            "received",
            "requests",
            "responses",
            "responseClasses",
            "transactions",
            "calls",
            "unreadable",
            "reasons");
  }

  @Test
  void unregisteredCodesAndHepAreSummarisedToo() throws IOException {
    Path capture = copy("eth-hep3-udp.pcap");

    CliRun run = CliRun.of(new ReplayCommand(), capture.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("OPTIONS                                         1")
        .contains("timed out: OPTIONS 1");
  }

  @Test
  void hepNodesLeaveTheSummaryAsItWas() throws IOException {
    Path capture = copy("sipp-3calls-tcp.pcap");

    CliRun run = CliRun.of(new ReplayCommand(), "--hep.nodes=5", capture.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().replace(capture.toString(), "sipp-3calls-tcp.pcap"))
        .isEqualTo(golden("sipp-3calls-tcp.txt"));
  }

  @Test
  void hepNodesOutOfRangeIsAUsageError() throws IOException {
    Path capture = copy("sipp-3calls-tcp.pcap");

    CliRun run = CliRun.of(new ReplayCommand(), "--hep.nodes=1001", capture.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("replay: --hep.nodes must be 0 (off) to 1000, not 1001\n");
  }

  @Test
  void badFlagValuesAreUsageErrors() throws IOException {
    Path capture = copy("sipp-3calls-tcp.pcap");

    CliRun run =
        CliRun.of(new ReplayCommand(), "--transactions.capacity", "10", capture.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("replay: --transactions.capacity must be 1024 to 67108864, not 10\n");
  }

  private Path copy(String resource) throws IOException {
    Path target = dir.resolve(resource);
    try (InputStream in = getClass().getResourceAsStream("/pcap/" + resource)) {
      Files.copy(in, target);
    }
    return target;
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = ReplayCommandTest.class.getResourceAsStream("/replay/" + name)) {
      if (in == null) {
        throw new AssertionError("no golden file /replay/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
