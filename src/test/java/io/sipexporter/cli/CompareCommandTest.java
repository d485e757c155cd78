package io.sipexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipexporter.catalog.ResponseCodeCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompareCommandTest {
  private static final ResponseCodeCatalog CATALOG = ResponseCodeCatalog.load();

  private static CliRun compare(String... args) {
    return CliRun.of(new CompareCommand(CATALOG), args);
  }

  @Test
  void compares200And437ClassAgainstClass() {
    CliRun run = compare("200", "437");
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    String out = run.out();
    assertThat(out)
        .startsWith("200 OK  vs  437 Unsupported Credential\n")
        .contains("Key differences", "Class: 200 is 2xx Success, 437 is 4xx Client Failure.")
        .contains("For the call, 200:", "For the call, 437:")
        .contains("Alerting severity: 200 is none, 437 is critical.");
    // each side: meaning, when it applies, fix
    assertThat(out)
        .contains("When it applies: A call is answered")
        .contains("When it applies: STIR/SHAKEN")
        .contains("ACK")
        .contains("certificate");
    assertThat(out.indexOf("\n200 OK\n")).isLessThan(out.indexOf("\n437 Unsupported Credential\n"));
  }

  @Test
  void comparesWithinAClassByCause() {
    String out = compare("486", "480").out();
    assertThat(out).contains("Same class: both are 4xx Client Failure").contains("related codes");
  }

  @Test
  void comparesProvisionalWithFinal() {
    assertThat(compare("180", "487").out())
        .contains("180 is provisional (more responses follow); 487 is final");
  }

  @Test
  void comparesWithAnUnregisteredCode() {
    String out = compare("200", "499").out();
    assertThat(out)
        .contains("499 (unregistered 4xx)")
        .contains("499 is not in the IANA registry and is handled as 400");
  }

  @Test
  void writesJson() throws Exception {
    JsonNode n = new ObjectMapper().readTree(compare("200", "437", "--format", "json").out());
    assertThat(n.get("sameClass").asBoolean()).isFalse();
    assertThat(n.get("first").get("code").asInt()).isEqualTo(200);
    assertThat(n.get("second").get("reason").asText()).isEqualTo("Unsupported Credential");
    assertThat(n.get("differences").get(0).asText()).contains("2xx Success", "4xx Client Failure");
    assertThat(n.get("second").get("when").asText()).contains("certificate");

    JsonNode u = new ObjectMapper().readTree(compare("499", "437", "--format", "json").out());
    assertThat(u.get("sameClass").asBoolean()).isTrue();
    assertThat(u.get("first").get("registered").asBoolean()).isFalse();
  }

  @Test
  void writesMarkdown() {
    assertThat(compare("488", "606", "--format", "markdown").out())
        .startsWith("# 488 Not Acceptable Here vs 606 Not Acceptable\n")
        .contains("## Key differences", "- Class: 488 is 4xx Client Failure, 606 is 6xx");
  }

  @ParameterizedTest
  @CsvSource({
    "abc,200,'abc' is not a number",
    "200,abc,'abc' is not a number",
    "99,437,'99' is out of range",
    "437,700,'700' is out of range"
  })
  void rejectsBadInputInOneLine(String a, String b, String problem) {
    for (String format : new String[] {"text", "json"}) {
      CliRun run = compare(a, b, "--format", format);
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).startsWith("compare: " + problem).endsWith("699\n").hasLineCount(1);
    }
  }

  @Test
  void needsTwoCodes() {
    CliRun run = compare("200");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("CODE2");
  }
}
