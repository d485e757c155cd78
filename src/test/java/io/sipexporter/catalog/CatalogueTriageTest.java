package io.sipexporter.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The night-time fields of the catalogue: every IANA code and every class says when it is used,
 * what to check and which side to look at, and the catalogue refuses to load without them.
 */
class CatalogueTriageTest {
  private static final ResponseCodeCatalog CATALOG = ResponseCodeCatalog.load();

  /** Terminal width (78) less the indent {@code explain} puts before a command line. */
  static final int COMMAND_WIDTH = 70;

  private static List<Integer> ianaCodes() throws IOException {
    List<Integer> codes = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                CatalogueTriageTest.class.getResourceAsStream(
                    "/catalog/iana-sip-response-codes.csv"),
                StandardCharsets.UTF_8))) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          codes.add(Integer.parseInt(line.substring(0, line.indexOf(','))));
        }
      }
    }
    return codes;
  }

  @Test
  void everyIanaCodeHasEveryField() throws IOException {
    List<Integer> codes = ianaCodes();
    assertThat(codes).hasSize(75);
    for (int code : codes) {
      Triage t = CATALOG.lookup(code).triage();
      assertThat(t.usedWhen()).as("usedWhen of %d", code).isNotEmpty().allMatch(s -> !s.isBlank());
      assertThat(t.checks()).as("checks of %d", code).isNotEmpty();
      assertThat(t.checks()).as("checks of %d", code).allMatch(c -> !c.step().isBlank());
      assertThat(t.ifYouSent()).as("ifYouSent of %d", code).isNotBlank();
      assertThat(t.ifYouReceived()).as("ifYouReceived of %d", code).isNotBlank();
      assertThat(t.ifYouSent()).as("the two sides of %d", code).isNotEqualTo(t.ifYouReceived());
    }
  }

  @Test
  void everyClassHasEveryFieldAndLendsItToUnregisteredCodes() {
    for (CodeClass cc : CodeClass.values()) {
      Triage t = CATALOG.guidance(cc).triage();
      assertThat(t.usedWhen()).as(cc.label()).isNotEmpty();
      assertThat(t.checks()).as(cc.label()).isNotEmpty();
      assertThat(t.ifYouSent()).as(cc.label()).isNotBlank().isNotEqualTo(t.ifYouReceived());
      assertThat(t.ifYouReceived()).as(cc.label()).isNotBlank();
    }
    assertThat(CATALOG.lookup(499).triage())
        .isEqualTo(CATALOG.guidance(CodeClass.CLIENT_FAILURE).triage());
    assertThat(CATALOG.lookup(599).triage())
        .isEqualTo(CATALOG.guidance(CodeClass.SERVER_FAILURE).triage());
  }

  @Test
  void commandsFitATerminalAndTsharkFiltersAreQuoted() {
    for (Triage t : everyTriage()) {
      for (Check c : t.checks()) {
        c.command()
            .lines()
            .forEach(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(COMMAND_WIDTH));
        if (c.command().startsWith("tshark")) {
          // the display filter in single quotes, so a shell passes it whole and CatalogueCommandsIT
          // can compile it
          assertThat(c.command()).as(c.command()).containsPattern("-Y '[^']+'|-z ");
        }
      }
    }
  }

  @Test
  void the437ChecksFetchTheCertificateAndAskOpenssl() {
    List<String> commands = commands(437);
    assertThat(commands).anyMatch(c -> c.contains("-e sip.Identity"));
    assertThat(commands).anyMatch(c -> c.startsWith("curl") && c.contains("$INFO_URL"));
    assertThat(commands).anyMatch(c -> c.contains("openssl x509 -noout -dates -issuer -subject"));
    assertThat(commands).anyMatch(c -> c.startsWith("openssl verify -CAfile"));
    assertThat(CATALOG.lookup(437).triage().usedWhen())
        .anyMatch(u -> u.contains("self-signed"))
        .anyMatch(u -> u.contains("expired"));
  }

  @ParameterizedTest
  @CsvSource({"408, 'dig +short SRV _sip._udp.'", "503, 'dig +short SRV _sip._udp.'"})
  void timeoutsAndUnavailabilityCheckTheNextHop(int code, String dig) {
    List<String> commands = commands(code);
    assertThat(commands).anyMatch(c -> c.contains(dig));
    assertThat(commands).anyMatch(c -> c.contains("sip.Status-Code == " + code));
  }

  @Test
  void refusesACodeWithoutUsedWhen() throws IOException {
    String yaml =
        bundled().replaceFirst("(?s)(  - code: 437\n.*?)    usedWhen:\n.*?(    checks:)", "$1$2");
    assertThatThrownBy(() -> read(yaml)).hasMessageContaining("code 437 usedWhen is empty");
  }

  @Test
  void refusesACodeWithoutChecks() throws IOException {
    String yaml =
        bundled().replaceFirst("(?s)(  - code: 503\n.*?)    checks:\n.*?(    ifYouSent:)", "$1$2");
    assertThatThrownBy(() -> read(yaml)).hasMessageContaining("code 503 checks is empty");
  }

  @Test
  void refusesAnEmptyCommand() throws IOException {
    String yaml =
        bundled()
            .replaceFirst(
                "(?s)(  - code: 408\n.*?        command: )\\|-\n(          [^\n]*\n)+", "$1\"\"\n");
    assertThatThrownBy(() -> read(yaml))
        .hasMessageContaining("code 408 checks: drop an empty command");
  }

  @Test
  void refusesAMissingSide() throws IOException {
    String code =
        bundled()
            .replaceFirst(
                "(?s)(  - code: 200\n.*?)    ifYouReceived:[^\n]*\n(      [^\n]*\n)*", "$1");
    assertThatThrownBy(() -> read(code)).hasMessageContaining("code 200 ifYouReceived is empty");
    String cls =
        bundled()
            .replaceFirst("(?s)(  - class: 5xx\n.*?)    ifYouSent:[^\n]*\n(      [^\n]*\n)*", "$1");
    assertThatThrownBy(() -> read(cls)).hasMessageContaining("5xx ifYouSent is empty");
  }

  @Test
  void everyCodeEntryInTheFileCarriesTheFourKeys() throws IOException {
    // a guard on the file itself, independent of the loader
    Matcher entries =
        Pattern.compile("(?s)\n  - (?:code|class): (\\S+)\n(.*?)(?=\n  - |\n\ncodes:|\n  # |$)")
            .matcher(bundled());
    int n = 0;
    while (entries.find()) {
      for (String key : new String[] {"usedWhen:", "checks:", "ifYouSent:", "ifYouReceived:"}) {
        assertThat(entries.group(2)).as(entries.group(1) + " " + key).contains("\n    " + key);
      }
      n++;
    }
    assertThat(n).isEqualTo(75 + 6);
  }

  private static List<Triage> everyTriage() {
    List<Triage> all = new ArrayList<>();
    CATALOG.registered().forEach(c -> all.add(c.triage()));
    for (CodeClass cc : CodeClass.values()) {
      all.add(CATALOG.guidance(cc).triage());
    }
    return all;
  }

  private static List<String> commands(int code) {
    return CATALOG.lookup(code).triage().checks().stream()
        .map(Check::command)
        .filter(c -> !c.isEmpty())
        .toList();
  }

  static String bundled() throws IOException {
    try (InputStream in =
        ResponseCodeCatalog.class.getResourceAsStream(ResponseCodeCatalog.RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static ResponseCodeCatalog read(String yaml) throws IOException {
    return ResponseCodeCatalog.read(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }
}
