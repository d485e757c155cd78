package io.sipexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipexporter.catalog.Check;
import io.sipexporter.catalog.ResponseCodeCatalog;
import io.sipexporter.catalog.Triage;
import org.junit.jupiter.api.Test;

/**
 * {@code explain} and {@code compare} carry the night-time fields: the checks with their commands
 * (copyable, never wrapped), which side to look at, where the live rate is, and compare's closing
 * "When each is used".
 */
class CatalogTriageOutputTest {
  private static final ResponseCodeCatalog CATALOG = ResponseCodeCatalog.load();

  private static String explain(String... args) {
    CliRun run = CliRun.of(new ExplainCommand(CATALOG), args);
    assertThat(run.exitCode()).isZero();
    return run.out();
  }

  private static String compare(String... args) {
    CliRun run = CliRun.of(new CompareCommand(CATALOG), args);
    assertThat(run.exitCode()).isZero();
    return run.out();
  }

  /**
   * Words of {@code text} separated by any run of white space, as the 78-column wrap leaves them.
   */
  private static String words(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  @Test
  void explainTextListsEveryCheckWithItsCommandLinesIntactAndBothSides() {
    String out = explain("437");
    Triage t = CATALOG.lookup(437).triage();
    assertThat(out).contains("\nWhat to check\n", "\nIf you sent it\n", "\nIf you received it\n");
    int n = 1;
    for (Check check : t.checks()) {
      assertThat(words(out)).contains(n++ + ". " + words(check.step()));
      for (String line : check.command().lines().toList()) {
        assertThat(out).contains("\n       " + line + "\n");
      }
    }
    assertThat(out).contains("\n       openssl x509 -noout -dates -issuer -subject -in cert.pem\n");
    assertThat(words(out)).contains("If you sent it " + words(t.ifYouSent()));
    assertThat(words(out)).contains("If you received it " + words(t.ifYouReceived()));
    assertThat(out).contains("/codes/437");
    assertThat(out.lines()).allMatch(l -> l.length() <= 78);
    assertThat(out.indexOf("How to fix")).isLessThan(out.indexOf("What to check"));
  }

  @Test
  void explainOfAnUnregisteredCodeUsesItsClassChecks() {
    String out = explain("599");
    for (Check check : CATALOG.lookup(599).triage().checks()) {
      assertThat(out).contains(check.command().lines().findFirst().orElseThrow());
    }
    assertThat(out).contains("sip.Status-Code >= 500 and sip.Status-Code < 600");
  }

  @Test
  void explainMarkdownFencesTheCommands() {
    String out = explain("408", "--format", "markdown");
    assertThat(out)
        .contains("## What to check\n", "## If you sent it\n", "## If you received it\n")
        .contains("   ```sh\n   dig +short SRV _sip._udp.$DOMAIN\n")
        .contains("`/codes/408`");
  }

  @Test
  void explainJsonCarriesTheFields() throws Exception {
    JsonNode n = new ObjectMapper().readTree(explain("437", "--format", "json"));
    Triage t = CATALOG.lookup(437).triage();
    assertThat(n.get("usedWhen")).hasSize(t.usedWhen().size());
    assertThat(n.get("checks")).hasSize(t.checks().size());
    assertThat(n.get("checks").get(2).get("command").asText())
        .isEqualTo(t.checks().get(2).command());
    assertThat(n.get("ifYouSent").asText()).isEqualTo(t.ifYouSent());
    assertThat(n.get("ifYouReceived").asText()).isEqualTo(t.ifYouReceived());
  }

  @Test
  void compareEndsWithWhenEachIsUsed() {
    String out = compare("200", "437");
    int section = out.indexOf("\nWhen each is used\n");
    assertThat(section).isGreaterThan(out.indexOf("\n437 Unsupported Credential\n"));
    String tail = out.substring(section);
    assertThat(tail.indexOf("  200 OK\n"))
        .isLessThan(tail.indexOf("  437 Unsupported Credential\n"));
    String first = tail.substring(0, tail.indexOf("  437 Unsupported"));
    String second = tail.substring(tail.indexOf("  437 Unsupported"));
    for (String s : CATALOG.lookup(200).triage().usedWhen()) {
      assertThat(words(first)).contains("- " + words(s));
    }
    for (String s : CATALOG.lookup(437).triage().usedWhen()) {
      assertThat(words(second)).contains("- " + words(s));
    }
    assertThat(out.lines()).allMatch(l -> l.length() <= 78);
  }

  @Test
  void compareMarkdownAndJsonCarryTheSituations() throws Exception {
    String md = compare("486", "600", "--format", "markdown");
    assertThat(md.substring(md.indexOf("## When each is used")))
        .contains("**486 Busy Here**", "**600 Busy Everywhere**")
        .contains("- " + CATALOG.lookup(600).triage().usedWhen().get(0));
    JsonNode json = new ObjectMapper().readTree(compare("486", "600", "--format", "json"));
    assertThat(json.get("second").get("usedWhen").get(0).asText())
        .isEqualTo(CATALOG.lookup(600).triage().usedWhen().get(0));
  }
}
