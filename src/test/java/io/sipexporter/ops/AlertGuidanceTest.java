package io.sipexporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipexporter.catalog.ResponseCode;
import io.sipexporter.catalog.ResponseCodeCatalog;
import io.sipexporter.http.CodeRoutes;
import io.sipexporter.http.Html;
import io.sipexporter.http.WebPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The per-code guidance in the alert rules (and the promtool tests that expect it) is the
 * catalogue's, never a second copy: every code alert's description ends with "How to fix: " and the
 * catalogue's fix ({@link AlertFix}: the how-to-fix text, or where the side matters a template
 * choosing by the {@code direction} label), and its severity is the catalogue's. Run with {@code
 * -Dalerts.write=true} to rewrite the files from the catalogue.
 */
class AlertGuidanceTest {
  private static final Pattern CODE_LABEL = Pattern.compile("^\\s+code: \"(\\d{3})\"\\s*$");
  private static final Pattern DIRECTION_LABEL =
      Pattern.compile("^\\s+direction: \"(in|out)\"\\s*$");
  private static final Pattern FIX =
      Pattern.compile("^(\\s+description: \".*" + AlertRules.FIX_MARK + ").*\"$");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path RULES = Path.of("alerts/sip-exporter.rules.yml");
  private final ResponseCodeCatalog catalog = ResponseCodeCatalog.load();
  private final CodeRoutes pages = new CodeRoutes(catalog, code -> 0);

  @Test
  void codeAlertFixesAreTheCataloguesHowToFix() throws IOException {
    List<String> stale = new ArrayList<>();
    for (Path file : files()) {
      String actual = Files.readString(file);
      String expected = withCatalogueFixes(actual, file.equals(RULES));
      if (!expected.equals(actual)) {
        if (Boolean.getBoolean("alerts.write")) {
          Files.writeString(file, expected);
        } else {
          stale.add(file.toString());
        }
      }
    }
    assertThat(stale)
        .as(
            "fixes in descriptions differ from the catalogue; regenerate with "
                + "mvn -B -o -q test -Dtest=AlertGuidanceTest -Dalerts.write=true")
        .isEmpty();
  }

  @Test
  void everyCodeAlertNamesTheRegisteredPhraseAndLinksAnExistingRunbook() {
    Map<String, String> fixes = AlertRules.load().codeFixes();
    assertThat(fixes).hasSizeGreaterThanOrEqualTo(19);
    for (AlertRules.Alert alert : AlertRules.load().alerts()) {
      if (alert.code() == null) {
        continue;
      }
      ResponseCode code = catalog.lookup(Integer.parseInt(alert.code()));
      assertThat(code.registered()).as(alert.name()).isTrue();
      assertThat(alert.annotations().get("summary"))
          .as(alert.name())
          .contains(code.code() + " " + code.reason());
      assertThat(alert.fix()).as(alert.name()).isEqualTo(AlertFix.template(code));
      // the runbook is the exporter's own page for the code
      String runbook = alert.annotations().get("runbook_url");
      assertThat(runbook).isEqualTo(AlertRules.RUNBOOK_BASE + "/codes/" + code.code());
      Optional<WebPage> page = pages.respond("/codes/" + code.code());
      assertThat(page).as(runbook).isPresent();
      assertThat(page.get().status()).as(runbook).isEqualTo(200);
      assertThat(page.get().body()).as(runbook).contains(Html.escape(code.howToFix()));
    }
  }

  /**
   * On per-peer series the STIR/SHAKEN identity alerts send the fixer to the side that failed: for
   * 437 from a peer's verifier (direction in) our signing certificate, for 437 from ours (out) our
   * verifier's trust store (issue 14).
   */
  @Test
  void identityCodesChooseTheFixBySide() {
    for (int code : new int[] {428, 436, 437, 438}) {
      ResponseCode c = catalog.lookup(code);
      assertThat(c.fixBySide()).as("%d fixBySide", code).isTrue();
      assertThat(AlertFix.rendered(c, "in"))
          .as("%d", code)
          .isNotEqualTo(AlertFix.rendered(c, "out"))
          .isNotEqualTo(AlertFix.rendered(c, ""));
    }
    ResponseCode c437 = catalog.lookup(437);
    assertThat(AlertFix.rendered(c437, "in")).contains("Your signing certificate");
    assertThat(AlertFix.rendered(c437, "out")).contains("your verifier's trust store");
    assertThat(AlertFix.rendered(c437, "")).isEqualTo(c437.howToFix());
    // the callee's own endings are the same whichever side answered
    assertThat(catalog.lookup(486).fixBySide()).isFalse();
    assertThat(AlertFix.template(catalog.lookup(486))).isEqualTo(catalog.lookup(486).howToFix());
  }

  @Test
  void everyCodeAlertTakesItsSeverityFromTheCatalogue() {
    for (AlertRules.Alert alert : AlertRules.load().alerts()) {
      if (alert.code() == null) {
        continue;
      }
      ResponseCode code = catalog.lookup(Integer.parseInt(alert.code()));
      assertThat(alert.labels().get("severity"))
          .as(
              alert.name()
                  + ": set the alert's severity in the catalogue (alert: {severity, why}), not"
                  + " only in the rule")
          .isEqualTo(code.alertSeverity().label());
    }
  }

  /**
   * The file with the fix of every {@code description:} line after a {@code code: "NNN"} label set
   * to NNN's fix: in the rule file the template, in a promtool test what Prometheus renders for the
   * expected alert's {@code direction} label (none, {@code in} or {@code out}).
   */
  private String withCatalogueFixes(String text, boolean rules) {
    StringBuilder out = new StringBuilder(text.length());
    String code = null;
    String direction = null;
    for (String line : text.split("\n", -1)) {
      Matcher label = CODE_LABEL.matcher(line);
      Matcher side = DIRECTION_LABEL.matcher(line);
      Matcher fix = FIX.matcher(line);
      if (label.matches()) {
        code = label.group(1);
      } else if (side.matches()) {
        direction = side.group(1);
      } else if (fix.matches() && code != null) {
        ResponseCode c = catalog.lookup(Integer.parseInt(code));
        String fixText = quoted(rules ? AlertFix.template(c) : AlertFix.rendered(c, direction));
        line = fix.group(1) + fixText.substring(1);
        code = null;
        direction = null;
      } else if (line.matches("^\\s+- (alert|name|exp_labels):.*")) {
        code = null; // a new alert, test case or expected alert: its labels come again
        direction = null;
      }
      out.append(line).append('\n');
    }
    out.setLength(out.length() - 1);
    return out.toString();
  }

  private static String quoted(String text) {
    try {
      return JSON.writeValueAsString(text); // a JSON string is a YAML double-quoted scalar
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> files() {
    try (Stream<Path> tests = Files.list(Path.of("alerts/tests"))) {
      List<Path> files = new ArrayList<>(List.of(RULES));
      tests.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(files::add);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
