package io.sipexporter.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseCodeCatalogTest {
  private static final ResponseCodeCatalog CATALOG = ResponseCodeCatalog.load();

  /** code -> {reason, reference, note} from the IANA registry export. */
  private static Map<Integer, String[]> registry() throws IOException {
    Map<Integer, String[]> rows = new LinkedHashMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                ResponseCodeCatalogTest.class.getResourceAsStream(
                    "/catalog/iana-sip-response-codes.csv"),
                StandardCharsets.UTF_8))) {
      assertThat(in.readLine()).isEqualTo("code,reason,reference,note");
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          String[] f = line.split(",", 4);
          rows.put(Integer.parseInt(f[0]), new String[] {f[1], f[2], f.length > 3 ? f[3] : ""});
        }
      }
    }
    return rows;
  }

  @Test
  void holdsExactlyTheRegisteredCodesWithTheirPhrasesAndRfcs() throws IOException {
    Map<Integer, String[]> registry = registry();
    assertThat(registry).hasSize(75);
    assertThat(CATALOG.registered())
        .extracting(ResponseCode::code)
        .containsExactlyElementsOf(registry.keySet());
    for (ResponseCode c : CATALOG.registered()) {
      String[] row = registry.get(c.code());
      assertThat(c.reason()).as("reason of %d", c.code()).isEqualTo(row[0]);
      assertThat(c.rfc()).as("rfc of %d", c.code()).isEqualTo(row[1]);
      assertThat(c.registered()).isTrue();
    }
  }

  @Test
  void keepsTheOlderPhrasesTheRegistryNotes() throws IOException {
    Pattern named = Pattern.compile("named it ([A-Za-z -]+?)(?: \\(|;|$)");
    for (Map.Entry<Integer, String[]> e : registry().entrySet()) {
      Matcher m = named.matcher(e.getValue()[2]);
      if (m.find()) {
        assertThat(CATALOG.lookup(e.getKey()).aliases())
            .as("aliases of %d", e.getKey())
            .contains(m.group(1));
      }
    }
    assertThat(CATALOG.lookup(437).aliases()).containsExactly("Unsupported Certificate");
    assertThat(CATALOG.lookup(436).aliases()).containsExactly("Bad Identity-Info");
  }

  @Test
  void everyEntryIsComplete() {
    for (ResponseCode c : CATALOG.registered()) {
      assertThat(c.description()).as("description of %d", c.code()).isNotBlank();
      assertThat(c.whenSeen()).as("when of %d", c.code()).isNotBlank();
      assertThat(c.howToFix()).as("fix of %d", c.code()).isNotBlank();
      assertThat(c.severity()).as("severity of %d", c.code()).isNotNull();
      assertThat(c.codeClass()).isEqualTo(CodeClass.of(c.code()));
      assertThat(c.codeClass().label()).startsWith(Integer.toString(c.code() / 100));
      assertThat(c.related())
          .as("related of %d", c.code())
          .isNotEmpty()
          .doesNotContain(c.code())
          .allMatch(CATALOG::isRegistered);
    }
  }

  @Test
  void severitiesFollowTheClasses() {
    for (ResponseCode c : CATALOG.registered()) {
      switch (c.codeClass()) {
        case PROVISIONAL, SUCCESS ->
            assertThat(c.severity()).as("%d", c.code()).isEqualTo(Severity.NONE);
        default -> assertThat(c.severity()).as("%d", c.code()).isNotEqualTo(Severity.NONE);
      }
    }
    assertThat(CATALOG.lookup(503).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(CATALOG.lookup(486).severity()).isEqualTo(Severity.INFO);
  }

  @Test
  void alertSeveritiesDifferOnlyWithAReason() {
    assertThat(CATALOG.lookup(437).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(CATALOG.lookup(437).alertSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(CATALOG.lookup(437).alertSeverityWhy()).isEmpty();
    assertThat(CATALOG.lookup(401).severity()).isEqualTo(Severity.INFO);
    assertThat(CATALOG.lookup(401).alertSeverity()).isEqualTo(Severity.WARNING);
    assertThat(CATALOG.lookup(401).alertSeverityWhy()).contains("storm");
    assertThat(CATALOG.lookup(499).alertSeverity()).isEqualTo(CATALOG.lookup(499).severity());
  }

  @Test
  void anAlertItemNeedsAnotherSeverityAndAReason() {
    assertThatThrownBy(() -> read(withAlert("      severity: info\n      why: because\n")))
        .hasMessageContaining("code 401 alert severity equals its severity");
    assertThatThrownBy(() -> read(withAlert("      severity: warning\n")))
        .hasMessageContaining("code 401 alert why is empty");
  }

  /** The bundled catalogue with 401's alert item replaced by {@code body}. */
  private static String withAlert(String body) throws IOException {
    String yaml;
    try (var in = ResponseCodeCatalog.class.getResourceAsStream(ResponseCodeCatalog.RESOURCE)) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return yaml.replaceFirst(
        "(?s)(  - code: 401\n.*?    alert:\n).*?(    related:)", "$1" + body + "$2");
  }

  private static ResponseCodeCatalog read(String yaml) throws IOException {
    return ResponseCodeCatalog.read(
        new java.io.ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void relatedCodesLinkTheFamiliesOperatorsConfuse() {
    assertThat(CATALOG.lookup(401).related()).contains(407);
    assertThat(CATALOG.lookup(437).related()).contains(436, 438, 428);
    assertThat(CATALOG.lookup(486).related()).contains(480, 600);
    assertThat(CATALOG.lookup(488).related()).contains(606);
  }

  @Test
  void textsCarryThePracticalFacts() {
    ResponseCode c437 = CATALOG.lookup(437);
    assertThat(c437.description()).contains("certificate", "Identity header");
    assertThat(c437.whenSeen()).contains("self-signed", "CA", "chain", "expired");
    assertThat(c437.howToFix()).contains("CA the verifier trusts", "complete chain", "validity");
    assertThat(CATALOG.lookup(200).howToFix()).contains("Nothing needed", "ACK");
    assertThat(CATALOG.lookup(200).whenSeen()).contains("answered", "REGISTER", "SUBSCRIBE");
  }

  @Test
  void findsCodesByCurrentAndOlderPhrases() {
    assertThat(codes("Unsupported Certificate")).containsExactly(437);
    assertThat(codes("Unsupported Credential")).containsExactly(437);
    assertThat(codes("  unsupported   CERTIFICATE ")).containsExactly(437);
    assertThat(codes("Bad Identity-Info")).containsExactly(436);
    assertThat(codes("Bad Identity Info")).containsExactly(436);
    assertThat(codes("Accepted")).containsExactly(202);
    assertThat(codes("Not Acceptable")).containsExactly(406, 606);
    assertThat(codes("No Such Phrase")).isEmpty();
  }

  private static List<Integer> codes(String phrase) {
    return CATALOG.codesForPhrase(phrase).stream()
        .map(ResponseCode::code)
        .collect(Collectors.toList());
  }

  @Test
  void unregisteredCodesFallBackToTheirClass() {
    ResponseCode c = CATALOG.lookup(499);
    assertThat(c.registered()).isFalse();
    assertThat(c.codeClass()).isEqualTo(CodeClass.CLIENT_FAILURE);
    assertThat(c.related()).containsExactly(400);
    assertThat(c.reason()).isEmpty();
    assertThat(c.title()).isEqualTo("499 (unregistered 4xx)");
    assertThat(c.description()).contains("not in the IANA registry", "8.1.3.2", "400 Bad Request");
    assertThat(c.howToFix()).isEqualTo(CATALOG.guidance(CodeClass.CLIENT_FAILURE).howToFix());
    assertThat(c.severity()).isEqualTo(CATALOG.guidance(CodeClass.CLIENT_FAILURE).severity());
    for (int code : new int[] {409, 411, 490}) {
      assertThat(CATALOG.lookup(code).registered()).isFalse();
    }
    assertThat(CATALOG.lookup(150).related()).containsExactly(183);
    assertThat(CATALOG.lookup(650).related()).containsExactly(600);
  }

  @Test
  void lookupRejectsCodesOutsideTheRange() {
    assertThatThrownBy(() -> CATALOG.lookup(99)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CATALOG.lookup(700)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesWhatAPersonTypes() {
    assertThat(ResponseCodeCatalog.parseCode("437")).isEqualTo(437);
    assertThat(ResponseCodeCatalog.parseCode(" 100 ")).isEqualTo(100);
    assertThat(ResponseCodeCatalog.parseCode("699")).isEqualTo(699);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "", "4x7", "-1", "437.0"})
  void namesNonNumbers(String input) {
    assertThatThrownBy(() -> ResponseCodeCatalog.parseCode(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a number")
        .hasMessageContaining("100 to 699")
        .hasMessageNotContaining("\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"99", "700", "0", "0437", "1000", "999999999"})
  void namesCodesOutOfRange(String input) {
    assertThatThrownBy(() -> ResponseCodeCatalog.parseCode(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'" + input + "' is out of range")
        .hasMessageNotContaining("\n");
  }

  @Test
  void classGuidanceCoversEveryClass() {
    for (CodeClass cc : CodeClass.values()) {
      ClassGuidance g = CATALOG.guidance(cc);
      assertThat(g.outcome()).isNotBlank();
      assertThat(g.description()).isNotBlank();
      assertThat(g.whenSeen()).isNotBlank();
      assertThat(g.howToFix()).isNotBlank();
      assertThat(CATALOG.isRegistered(g.treatedAs())).isTrue();
    }
  }
}
