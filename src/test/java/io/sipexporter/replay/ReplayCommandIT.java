package io.sipexporter.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipexporter.Scrape;
import io.sipexporter.e2e.Http;
import io.sipexporter.e2e.Jar;
import io.sipexporter.e2e.Ports;
import io.sipexporter.e2e.RunningProcess;
import io.sipexporter.e2e.SipStat;
import io.sipexporter.e2e.SippCapture;
import io.sipexporter.e2e.Tool;
import io.sipexporter.load.Exposition.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code sip-exporter replay} (the shaded jar, as a user runs it) against tshark on captures of
 * real sipp traffic recorded here: per method and per status code, {@code replay --format json}
 * counts exactly what {@code tshark -z sip,stat} counts, in every encapsulation, from a file or
 * from a pipe, and for a truncated capture up to where it ends.
 */
class ReplayCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CALLS = 20;

  @TempDir static Path dir;
  private static SippCapture udp;
  private static SippCapture tcp;

  /** One run of the jar: exit code, standard output, standard error. */
  record Run(int exit, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
      }
    }
  }

  @BeforeAll
  static void record() {
    udp = SippCapture.record(dir, "u1", "pcapng", CALLS);
    tcp = SippCapture.record(dir, "t1", "pcapng", CALLS);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "udp, pcapng", "udp, pcap", "udp, vlan", "udp, qinq", "udp, sll",
    "tcp, pcapng", "tcp, pcap", "tcp, vlan", "tcp, qinq", "tcp, sll"
  })
  void replayCountsWhatTsharkCounts(String proto, String variant) {
    SippCapture capture = proto.equals("udp") ? udp : tcp;
    Path file = variant(capture, variant);
    Map<String, Integer> expected = SipStat.of(dir, file, capture.proto(), capture.port());
    assertThat(expected)
        .containsEntry("INVITE", CALLS)
        .containsEntry("BYE", CALLS)
        .containsEntry("200", 2 * CALLS);

    Run run = replay(null, "replay", "--format", "json", file.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    JsonNode json = run.json();
    assertThat(sipStat(json)).isEqualTo(expected);
    assertThat(json.path("complete").asBoolean()).isTrue();
    assertThat(json.path("unreadable").size())
        .as("unreadable: %s", json.path("unreadable"))
        .isZero();
    assertThat(json.path("received").path(proto).asInt())
        .isEqualTo(expected.values().stream().mapToInt(Integer::intValue).sum());
    assertThat(completed(json)).containsEntry("INVITE 200", CALLS).containsEntry("BYE 200", CALLS);
    assertThat(json.path("transactions").path("timedOut").size()).isZero();
    assertThat(json.path("calls").path("ended").path("caller").asInt()).isEqualTo(CALLS);
  }

  @ParameterizedTest
  @CsvSource({"udp", "tcp"})
  void standardInputGivesTheSameSummaryAsTheFile(String proto) {
    Path file = (proto.equals("udp") ? udp : tcp).file();
    Run fromFile = replay(null, "replay", "--format", "json", file.toString());

    Run fromPipe = replay(file, "replay", "--format", "json", "-");

    assertThat(fromPipe.exit()).as(fromPipe.err()).isZero();
    ObjectNode expected = (ObjectNode) fromFile.json();
    expected.put("source", "-");
    assertThat(fromPipe.json()).isEqualTo(expected);
  }

  @Test
  void truncatedCaptureGivesOneLineAndTheCountsBeforeTheCut() throws IOException {
    byte[] whole = Files.readAllBytes(udp.file());
    Path cut = dir.resolve("cut.pcapng");
    Files.write(cut, java.util.Arrays.copyOf(whole, insideBlock(whole, whole.length * 3 / 5) + 10));
    Map<String, Integer> expected = SipStat.of(dir, cut, udp.proto(), udp.port());

    Run run = replay(null, "replay", "--format", "json", cut.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("replay: " + cut + ": truncated");
    JsonNode json = run.json();
    assertThat(json.path("complete").asBoolean()).isFalse();
    assertThat(json.path("error").asText()).isEqualTo("pcap_truncated_record");
    assertThat(sipStat(json)).isEqualTo(expected);
    assertThat(expected.get("INVITE")).isBetween(1, CALLS - 1);
  }

  @Test
  void corruptBlockStopsCleanlyWithTheCountsBeforeIt() throws IOException {
    byte[] bytes = Files.readAllBytes(udp.file());
    int block = insideBlock(bytes, bytes.length / 2);
    ByteBuffer.wrap(bytes)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(block + 4, 7); // a length no block has
    Path corrupt = dir.resolve("corrupt.pcapng");
    Files.write(corrupt, bytes);

    Run run = replay(null, "replay", corrupt.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("replay: " + corrupt + ": corrupt: a pcapng block");
    assertThat(run.out()).contains("SIP statistics of " + corrupt).contains("pcap_bad_block");
    assertThat(run.out()).containsPattern("INVITE +([1-9]|1[0-9])\\n");
  }

  @Test
  void fileThatIsNoCaptureGivesOneLine() throws IOException {
    Path text =
        Files.writeString(dir.resolve("notes.txt"), "INVITE sip:bob@example.com SIP/2.0\r\n\r\n");

    Run run = replay(null, "replay", text.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "replay: "
                + text
                + ": not a pcap or pcapng capture (no pcap or pcapng magic number at the start)\n");
  }

  @Test
  void missingFileAndBadUsage() {
    Run missing = replay(null, "replay", dir.resolve("absent.pcap").toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err())
        .isEqualTo("replay: " + dir.resolve("absent.pcap") + ": no such file\n");

    assertThat(replay(null, "replay").exit()).isEqualTo(2);
    assertThat(replay(null, "replay", "--format", "xml", udp.file().toString()).exit())
        .isEqualTo(2);
  }

  @Test
  void serveExposesTheSameCountsOnMetricsAndKeepsServing() {
    int port = Ports.freeTcp();
    Map<String, Integer> expected = SipStat.of(dir, udp.file(), udp.proto(), udp.port());
    try (RunningProcess replay =
        Jar.args(
                "replay",
                "--serve",
                "--web.listen-address=127.0.0.1:" + port,
                udp.file().toString())
            .start("replay-serve", dir)) {
      replay.awaitReady(
          "replay served the whole capture",
          io.sipexporter.e2e.RunningProcess.START_DEADLINE,
          () -> replay.logText().contains("end of capture; still serving"));
      Scrape scrape = Scrape.parse(Http.get("http://127.0.0.1:" + port + "/metrics"));
      Map<String, Integer> served = new TreeMap<>();
      for (Sample s : scrape.named("sip_requests_total")) {
        if (s.value() > 0) {
          served.merge(s.labels().get("method"), (int) s.value(), Integer::sum);
        }
      }
      for (Sample s : scrape.named("sip_responses_total")) {
        served.merge(s.labels().get("code"), (int) s.value(), Integer::sum);
      }
      assertThat(served).isEqualTo(expected);
      assertThat(
              scrape.sum(
                  "sip_exporter_messages_received_total",
                  Map.of("input", "pcap", "transport", "udp")))
          .isEqualTo(expected.values().stream().mapToInt(Integer::intValue).sum());
      assertThat(scrape.sum("sip_transactions_total", Map.of("method", "INVITE", "code", "200")))
          .isEqualTo(CALLS);
      assertThat(Http.get("http://127.0.0.1:" + port + "/")).contains(udp.file().toString());
      assertThat(replay.isAlive()).as("still serving after the end of the capture").isTrue();
    }
  }

  /** Requests by method and responses by code, as {@code sip,stat} lists them. */
  private static Map<String, Integer> sipStat(JsonNode json) {
    Map<String, Integer> counts = new TreeMap<>();
    json.path("requests")
        .fields()
        .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
    for (JsonNode r : json.path("responses")) {
      counts.put(r.path("code").asText(), r.path("count").asInt());
    }
    return counts;
  }

  private static Map<String, Integer> completed(JsonNode json) {
    Map<String, Integer> counts = new TreeMap<>();
    for (JsonNode t : json.path("transactions").path("completed")) {
      counts.put(t.path("method").asText() + " " + t.path("code").asInt(), t.path("count").asInt());
    }
    return counts;
  }

  /**
   * The capture as {@code variant}: pcapng as recorded, pcap from editcap, the rest rewritten from
   * that.
   */
  private static Path variant(SippCapture capture, String variant) {
    Path file =
        dir.resolve(
            capture.proto() + "-" + variant + (variant.equals("pcapng") ? ".pcapng" : ".pcap"));
    if (variant.equals("pcapng") || Files.exists(file)) {
      return variant.equals("pcapng") ? capture.file() : file;
    }
    Path pcap = dir.resolve(capture.proto() + "-pcap.pcap");
    if (!Files.exists(pcap)) {
      int exit =
          RunningProcess.run(
              "editcap-" + capture.proto(),
              List.of(editcap(), "-F", "pcap", capture.file().toString(), pcap.toString()),
              dir,
              Duration.ofSeconds(30));
      assertThat(exit).as("editcap exit code").isZero();
    }
    if (!variant.equals("pcap")) {
      Encapsulation.valueOf(variant.toUpperCase(java.util.Locale.ROOT)).rewrite(pcap, file);
    }
    return file;
  }

  private static String editcap() {
    return Path.of(Tool.TSHARK.path()).resolveSibling("editcap").toString();
  }

  /**
   * The start of the pcapng block (little-endian, as dumpcap writes here) that holds byte {@code
   * at}.
   */
  private static int insideBlock(byte[] pcapng, int at) {
    ByteBuffer b = ByteBuffer.wrap(pcapng).order(ByteOrder.LITTLE_ENDIAN);
    int p = 0;
    while (p + b.getInt(p + 4) <= at) {
      p += b.getInt(p + 4);
    }
    return p;
  }

  /**
   * Runs the jar with {@code args}; {@code stdin}, when not null, is written to it through a pipe.
   */
  private static Run replay(Path stdin, String... args) {
    try (RunningProcess p = Jar.args(args).stdoutApart().stdinPipe().start("replay", dir)) {
      try (OutputStream in = p.stdin()) {
        if (stdin != null) {
          try (InputStream file = Files.newInputStream(stdin)) {
            byte[] chunk = new byte[1500]; // a pipe delivers a capture in pieces, split anywhere
            for (int n; (n = file.read(chunk)) > 0; ) {
              in.write(chunk, 0, n);
              in.flush();
            }
          }
        }
      }
      return new Run(p.awaitExit(Duration.ofSeconds(60)), p.stdout(), p.stderr());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
