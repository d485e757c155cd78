package io.sipexporter.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17 item 3: the "For the call" line is true for the code it is shown with. The class lines
 * hold for every code of their class; the codes they would mislead on carry their own line, and the
 * codes whose meaning changes inside a dialog (a re-INVITE, an UPDATE, a BYE) say how.
 */
class ForTheCallTest {
  private static final ResponseCodeCatalog CATALOG = ResponseCodeCatalog.load();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String classLine(int code) {
    return CATALOG.guidance(CodeClass.of(code)).outcome();
  }

  /** The text, Markdown and JSON renderings, which every page and command is built from. */
  private static String everyRendering(int code) {
    ResponseCode c = CATALOG.lookup(code);
    return (CodeText.explain(CATALOG, c)
            + CodeMarkdown.explain(CATALOG, c, r -> r + ".md")
            + CatalogJson.code(CATALOG, c))
        .replaceAll("\\s+", " ");
  }

  @ParameterizedTest
  @ValueSource(ints = {305, 380, 408, 413, 480, 486, 487, 491})
  void theCodesTheClassLineMisleadsOnCarryTheirOwnAndNeverShowTheClassLine(int code) {
    ResponseCode c = CATALOG.lookup(code);
    assertThat(c.outcome()).isNotEqualTo(classLine(code)).contains("RFC 3261");
    String all = everyRendering(code);
    assertThat(all).doesNotContain(classLine(code));
    assertThat(CodeText.explain(CATALOG, c).replaceAll("\\s+", " "))
        .contains("For the call: " + c.outcome());
    assertThat(CodeMarkdown.explain(CATALOG, c, r -> null))
        .contains("For the call: " + c.outcome());
  }

  @Test
  void theClassLinesHoldForEveryCodeOfTheClass() {
    // 4xx: RFC 3261 21.4's rule, with room for the codes that may be repeated (408) or are no
    // failure (487); the old line said no 4xx may ever be repeated unchanged
    assertThat(classLine(400))
        .contains("RFC 3261 21.4", "As a rule")
        .doesNotContain("must not be repeated unchanged");
    // 3xx: 380 points to its body and 305 to a proxy, so Contact is only the usual case
    assertThat(classLine(300)).contains("usually the Contact", "8.1.3.4");
    // 2xx: a 202 accepted the request but has not done it yet
    assertThat(classLine(200)).contains("a 202 says only that").doesNotContain("did what it asked");
    assertThat(classLine(500)).contains("RFC 3261 21.5", "Retry-After", "RFC 3263");
    assertThat(classLine(600)).contains("21.6", "voicemail", "(16.7)");
    assertThat(classLine(100)).contains("never ends the transaction");
  }

  @Test
  void alternativeService380PointsToTheBodyNotContact() {
    assertThat(CATALOG.lookup(380).outcome())
        .contains("the body of the response describes them, not the Contact header")
        .contains("RFC 3261 21.3.5");
  }

  @Test
  void requestTimeout408MayBeRepeatedUnchanged() {
    assertThat(CATALOG.lookup(408).outcome())
        .contains("MAY be sent again unchanged at any later time (RFC 3261 21.4.9)");
  }

  @Test
  void temporarilyUnavailable480AndBusyHere486MayBeRetriedAfterRetryAfter() {
    assertThat(CATALOG.lookup(480).outcome()).contains("Retry-After", "RFC 3261 21.4.18");
    assertThat(CATALOG.lookup(486).outcome()).contains("Retry-After", "RFC 3261 21.4.24");
    assertThat(CATALOG.lookup(486).outcome()).contains("other locations");
  }

  @Test
  void requestTerminated487FollowsTheCallersOwnCancel() {
    assertThat(CATALOG.lookup(487).outcome())
        .contains("CANCEL, normally the caller's own (RFC 3261 9.2, 21.4.25)")
        .contains("not a failure");
  }

  @Test
  void requestPending491IsRetriedAfterTheBackOff() {
    assertThat(CATALOG.lookup(491).outcome())
        .contains("sent again after a random back-off")
        .contains("2.1-4 s", "0-2 s", "RFC 3261 14.1");
  }

  @Test
  void requestEntityTooLarge413WithRetryAfterMayBeRepeated() {
    assertThat(CATALOG.lookup(413).outcome()).contains("Retry-After", "RFC 3261 21.4.11");
  }

  @Test
  void timeout408AndNoDialog481EndTheDialog() {
    assertThat(CATALOG.lookup(408).inDialog())
        .contains("ends the dialog", "RFC 3261 12.2.1.2", "(14.1)");
    assertThat(CATALOG.lookup(481).inDialog())
        .contains("ends the dialog", "RFC 3261 12.2.1.2")
        .contains("A 481 to a BYE", "harmless");
  }

  @Test
  void notAcceptableHere488AndGlare500OnAReInviteLeaveTheCallUp() {
    assertThat(CATALOG.lookup(488).inDialog())
        .contains("the call stays up on its previous session", "RFC 3261 14.1", "T.38");
    assertThat(CATALOG.lookup(500).inDialog())
        .contains("glare", "Retry-After of 0-10 s", "RFC 3261 14.2", "stays up");
    assertThat(CATALOG.lookup(491).inDialog())
        .contains("only ever answers a request inside a dialog", "RFC 3311");
    assertThat(CATALOG.lookup(487).inDialog()).contains("previous session", "14.1");
  }

  @Test
  void theDialogLineIsShownWhereItExistsAndNowhereElse() throws IOException {
    String text = CodeText.explain(CATALOG, CATALOG.lookup(488)).replaceAll("\\s+", " ");
    assertThat(text).contains("In a dialog: To a re-INVITE or UPDATE the call stays up");
    assertThat(CodeMarkdown.explain(CATALOG, CATALOG.lookup(481), r -> null))
        .contains("\nIn a dialog: A 481 to a request inside a dialog ends the dialog");
    JsonNode n = JSON.readTree(CatalogJson.code(CATALOG, CATALOG.lookup(408)));
    assertThat(n.get("inDialog").asText()).contains("12.2.1.2");
    assertThat(n.get("outcome").asText()).isEqualTo(CATALOG.lookup(408).outcome());

    assertThat(CATALOG.lookup(404).hasInDialog()).isFalse();
    assertThat(CodeText.explain(CATALOG, CATALOG.lookup(404))).doesNotContain("In a dialog:");
    assertThat(JSON.readTree(CatalogJson.code(CATALOG, CATALOG.lookup(404))).has("inDialog"))
        .isFalse();
  }

  @Test
  void codesWithoutTheirOwnLineAndUnregisteredCodesShowTheClassLine() {
    assertThat(CATALOG.lookup(404).outcome()).isEqualTo(classLine(404));
    assertThat(CATALOG.lookup(499).outcome()).isEqualTo(classLine(499));
    assertThat(CATALOG.lookup(499).hasInDialog()).isFalse();
    assertThat(CodeText.explain(CATALOG, CATALOG.lookup(499)).replaceAll("\\s+", " "))
        .contains("For the call: " + classLine(499));
  }

  @Test
  void compareShowsEachCodesOwnLine() {
    CodeComparison busy = CATALOG.compare(486, 480);
    assertThat(busy.differences())
        .contains("For the call, 486: " + CATALOG.lookup(486).outcome())
        .contains("For the call, 480: " + CATALOG.lookup(480).outcome())
        .noneMatch(d -> d.contains(classLine(486)));
    assertThat(CATALOG.compare(403, 404).differences().get(0))
        .startsWith("Same class: both are 4xx Client Failure. " + classLine(403));
    assertThat(CATALOG.compare(200, 408).differences())
        .contains("For the call, 408: " + CATALOG.lookup(408).outcome());
  }

  @Test
  void anOutcomeThatRepeatsItsClassLineIsRefused() throws IOException {
    String yaml;
    try (var in = ResponseCodeCatalog.class.getResourceAsStream(ResponseCodeCatalog.RESOURCE)) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String classOutcome =
        yaml.replaceFirst(
            "(?s).*\n  - class: 4xx\n.*?    outcome: >-\n((?:      [^\n]*\n)+).*", "$1");
    String repeated =
        yaml.replaceFirst(
            "(?s)(\n  - code: 408\n.*?    outcome: >-\n)(?:      [^\n]*\n)+",
            "$1" + java.util.regex.Matcher.quoteReplacement(classOutcome));
    assertThatThrownBy(
            () ->
                ResponseCodeCatalog.read(
                    new ByteArrayInputStream(repeated.getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("code 408 outcome repeats its class's");
  }
}
