package io.sipexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipexporter.catalog.ResponseCodeCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExplainCommandTest {
  private static final ResponseCodeCatalog CATALOG = ResponseCodeCatalog.load();

  private static CliRun explain(String... args) {
    return CliRun.of(new ExplainCommand(CATALOG), args);
  }

  @Test
  void explains200WithTheAckThatCompletesAnInvite() {
    CliRun run = explain("200");
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .startsWith("200 OK\n")
        .contains("Class:        2xx Success", "What it means", "When you see it", "How to fix")
        .contains("REGISTER", "Nothing needed", "ACK");
  }

  @Test
  void explains437AsACertificateProblem() {
    String out = explain("437").out();
    assertThat(out)
        .startsWith("437 Unsupported Credential\n")
        .contains("4xx Client Failure", "RFC 8224", "Also sent as: Unsupported Certificate")
        .contains("certificate", "self-signed", "CA the verifier trusts", "complete chain")
        .contains("436 Bad Identity Info");
    assertThat(out.lines()).allMatch(l -> l.length() <= 78);
  }

  @Test
  void explainsAnUnregisteredCodeByItsClass() {
    CliRun run = explain("499");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("499 (unregistered 4xx)\n")
        .contains("4xx Client Failure", "not registered", "400 Bad Request", "8.1.3.2");
  }

  @Test
  void writesJson() throws Exception {
    JsonNode c437 = new ObjectMapper().readTree(explain("437", "--format", "json").out());
    assertThat(c437.get("code").asInt()).isEqualTo(437);
    assertThat(c437.get("reason").asText()).isEqualTo("Unsupported Credential");
    assertThat(c437.get("aliases").get(0).asText()).isEqualTo("Unsupported Certificate");
    assertThat(c437.get("class").asText()).isEqualTo("4xx");
    assertThat(c437.get("registered").asBoolean()).isTrue();
    assertThat(c437.get("fix").asText()).contains("chain");

    JsonNode c200 = new ObjectMapper().readTree(explain("200", "--format=JSON").out());
    assertThat(c200.get("severity").asText()).isEqualTo("none");
    assertThat(c200.get("fix").asText()).contains("ACK");

    JsonNode c499 = new ObjectMapper().readTree(explain("--format", "json", "499").out());
    assertThat(c499.get("registered").asBoolean()).isFalse();
    assertThat(c499.get("reason").isNull()).isTrue();
    assertThat(c499.get("treatedAs").asInt()).isEqualTo(400);
    assertThat(c499.get("className").asText()).isEqualTo("Client Failure");
  }

  @Test
  void writesMarkdown() {
    String out = explain("437", "--format", "markdown").out();
    assertThat(out)
        .startsWith("# 437 Unsupported Credential\n")
        .contains("| Class | 4xx Client Failure |", "## How to fix", "certificate");
  }

  @ParameterizedTest
  @CsvSource({
    "abc,is neither a response code nor a reason phrase",
    "99,is out of range",
    "700,is out of range"
  })
  void rejectsBadInputInOneLine(String input, String problem) {
    for (String format : new String[] {"text", "json"}) {
      CliRun run = explain(input, "--format", format);
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err())
          .isEqualTo(
              "explain: '"
                  + input
                  + "' "
                  + problem
                  + ": SIP response codes are three digits from 100 to 699\n");
    }
  }

  @Test
  void explainsACodeNamedByItsPhraseCurrentOrOlder() throws Exception {
    CliRun run = explain("Temporarily not available");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("480 Temporarily Unavailable\n")
        .contains("Also sent as: Temporarily not available");
    assertThat(explain("internal server error").out()).startsWith("500 Server Internal Error\n");
    JsonNode n =
        new ObjectMapper().readTree(explain("Unsupported Certificate", "--format", "json").out());
    assertThat(n.get("code").asInt()).isEqualTo(437);

    CliRun shared = explain("Not Acceptable");
    assertThat(shared.exitCode()).isEqualTo(2);
    assertThat(shared.out()).isEmpty();
    assertThat(shared.err())
        .isEqualTo(
            "explain: 'Not Acceptable' is the phrase of 406 Not Acceptable and 606 Not Acceptable:"
                + " name the code\n");
  }

  @Test
  void rejectsAnUnknownFormat() {
    CliRun run = explain("200", "--format", "xml");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'xml' is not a format: use text, markdown or json");
  }

  @ParameterizedTest
  @CsvSource({"q850:16", "Q.850:16", "q.850:16"})
  void explainsAQ850CauseIgnoringCase(String arg) {
    CliRun run = explain(arg);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("Q.850 cause 16 Normal call clearing\n")
        .contains("Class:        normal event (0-31)", "no SIP response", "NORMAL_CLEARING")
        .contains("What it means", "What to check");
    assertThat(run.out().lines()).allMatch(l -> l.length() <= 78);
  }

  @Test
  void explainsAQ850CauseInJsonAndMarkdown() throws Exception {
    JsonNode c17 = new ObjectMapper().readTree(explain("q850:17", "--format", "json").out());
    assertThat(c17.get("cause").asInt()).isEqualTo(17);
    assertThat(c17.get("sip").get("code").asInt()).isEqualTo(486);
    assertThat(explain("q850:102", "--format", "markdown").out())
        .startsWith("# Q.850 cause 102 Recovery on timer expiry")
        .contains("504 Server Time-out");
  }

  @ParameterizedTest
  @CsvSource({"q850:999, '999' is out of range", "q850:abc, 'abc' is not a cause number"})
  void aBadCauseIsOneErrorLine(String arg, String problem) {
    CliRun run = explain(arg);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("explain: " + problem).hasLineCount(1);
  }
}
