package io.sipexporter.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipexporter.metrics.SipMeters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17 items 2 and 4: who generated a code (received, or made by a stack on the way), the
 * exporter's own evidence for it, what Kamailio, OpenSIPS, Asterisk and FreeSWITCH mean by a code,
 * and the Q.850 cause a PSTN gateway releases the call with (RFC 3398 7.2.4.1). The catalogue is
 * data: each test reads the fields.
 */
class InPracticeTest {
  private static final ResponseCodeCatalog CATALOG = ResponseCodeCatalog.load();

  private static InPractice of(int code) {
    return CATALOG.lookup(code).inPractice();
  }

  private static String note(int code, Platform platform) {
    return of(code).platforms().stream()
        .filter(n -> n.platform() == platform)
        .map(PlatformNote::note)
        .findFirst()
        .orElseThrow(() -> new AssertionError(code + " has no " + platform + " note"));
  }

  // ---- who generated it

  @Test
  void theCodesStacksAlsoMakeThemselvesSayHowToTellWhoSentThem() {
    Set<Integer> withOrigin =
        CATALOG.registered().stream()
            .filter(c -> c.inPractice().origin().isPresent())
            .map(ResponseCode::code)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(withOrigin).containsExactly(408, 480, 500, 503, 504);
  }

  @Test
  void a408LinksTheTimeoutsTheExporterCounted() {
    Origin o = of(408).origin().orElseThrow();
    assertThat(o.howToTell()).contains("8.1.3.1").contains("16.7 step 6");
    assertThat(o.evidence())
        .extracting(Evidence::metric)
        .contains(SipMeters.TRANSACTIONS_TIMED_OUT, SipMeters.RETRANSMISSIONS);
  }

  @Test
  void a480PointsAtTheQ850CauseInItsReasonHeader() {
    assertThat(of(480).origin().orElseThrow().evidence())
        .anySatisfy(
            e -> {
              assertThat(e.metric()).isEqualTo(SipMeters.REASON_CAUSES);
              assertThat(e.query()).contains("protocol=\"Q.850\"");
              assertThat(e.shows()).contains("19 no answer").contains("31 normal unspecified");
            });
  }

  @Test
  void a503WithNoneOnTheWireIsATransportError() {
    Origin o = of(503).origin().orElseThrow();
    assertThat(o.howToTell()).contains("transport error").contains("8.1.3.1").contains("16.9");
    assertThat(o.evidence())
        .extracting(Evidence::metric)
        .contains(SipMeters.TRANSACTIONS_TIMED_OUT, SipMeters.RESPONSES);
  }

  @Test
  void a500AfterA503IsAProxyRewriteAndA500WithRetryAfterIsGlare() {
    Origin o = of(500).origin().orElseThrow();
    assertThat(o.howToTell()).contains("16.7 step 6").contains("14.2").contains("Retry-After");
    assertThat(o.evidence()).anySatisfy(e -> assertThat(e.query()).contains("code=\"503\""));
  }

  @Test
  void everyEvidenceQueryReadsTheMetricItNames() {
    for (ResponseCode c : CATALOG.registered()) {
      for (Evidence e : c.inPractice().origin().map(Origin::evidence).orElse(List.of())) {
        assertThat(e.query()).as(c.title()).contains(e.metric().prometheusName());
        assertThat(e.shows()).as(c.title()).isNotBlank();
      }
    }
  }

  // ---- platform notes

  @Test
  void freeswitchSends480ForEveryCauseItHasNoCodeFor() {
    assertThat(note(480, Platform.FREESWITCH))
        .contains("catch-all")
        .contains("NO_ANSWER (19")
        .contains("Reason: Q.850;cause=N");
  }

  @Test
  void freeswitchDeclinesCause21With603WhereAsteriskAndRfc3398Use403() {
    assertThat(note(603, Platform.FREESWITCH)).contains("hangup cause 21").contains("403");
    assertThat(note(403, Platform.ASTERISK)).contains("cause 21").contains("FreeSWITCH sends 603");
    assertThat(of(403).isupCause()).isEqualTo(21);
    assertThat(of(603).isupCause()).isEqualTo(21);
  }

  @Test
  void asteriskDeclinesWith603WhenItHasNoCodeForTheCause() {
    assertThat(note(603, Platform.ASTERISK)).contains("catch-all").contains("normal clearing (16)");
  }

  @Test
  void kamailioAnswersAnUnregisteredUserWith404AndAnUnroutableInDialogRequestWithNotHere() {
    assertThat(note(404, Platform.KAMAILIO))
        .contains("lookup(\"location\")")
        .contains("not registered")
        .contains("404 Not here");
    assertThat(note(480, Platform.KAMAILIO)).contains("404");
    assertThat(note(405, Platform.KAMAILIO)).contains("-2");
  }

  @Test
  void kamailioAndOpensipsMakeThe408ThemselvesWhenTmTimesOut() {
    assertThat(note(408, Platform.KAMAILIO)).contains("fr_timer").contains("fr_inv_timer");
    assertThat(note(408, Platform.OPENSIPS)).contains("fr_timeout").contains("fr_inv_timeout");
  }

  @Test
  void opensipsDefaultScriptUses420ForAnUnknownUser() {
    assertThat(note(420, Platform.OPENSIPS)).contains("no such user");
  }

  @Test
  void platformNotesComeInOneOrder() {
    for (ResponseCode c : CATALOG.registered()) {
      List<Platform> order =
          c.inPractice().platforms().stream().map(PlatformNote::platform).toList();
      assertThat(order).as(c.title()).isSorted();
    }
  }

  // ---- RFC 3398 7.2.4.1

  @ParameterizedTest
  @CsvSource({
    "404, 1", "408, 102", "410, 22", "480, 18", "484, 28", "486, 17", "500, 41", "502, 38",
    "503, 41", "504, 102", "600, 17", "603, 21", "604, 1", "405, 63", "415, 79", "482, 25"
  })
  void aGatewayReleasesTheCallWithTheCauseRfc3398Gives(int code, int cause) {
    assertThat(of(code).isupCause()).isEqualTo(cause);
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 180, 200, 302, 487, 488, 606, 437})
  void codesRfc3398DoesNotMapHaveNoCause(int code) {
    assertThat(of(code).hasIsupCause()).isFalse();
  }

  // ---- every format says it

  @Test
  void explainTextMarkdownJsonAndThePageCarryTheOriginAndThePlatforms() throws IOException {
    ResponseCode c = CATALOG.lookup(408);
    String text = CodeText.explain(CATALOG, c);
    assertThat(text)
        .contains("Received or generated?")
        .contains("This exporter's evidence:")
        .contains("sum by (method) (rate(sip_transactions_timed_out_total[5m]))")
        .contains("On common platforms")
        .contains("  - Kamailio: tm makes the 408 itself")
        .contains("PSTN (ISUP):  a gateway releases the call with Q.850 cause 102");
    String md = CodeMarkdown.explain(CATALOG, c, r -> r + ".md");
    assertThat(md)
        .contains("## Received or generated?")
        .contains("- `sum by (method) (rate(sip_transactions_timed_out_total[5m]))`: ")
        .contains("- **FreeSWITCH**: ")
        .contains("| PSTN (ISUP) | a gateway releases the call with Q.850 cause 102");
    JsonNode json = new ObjectMapper().readTree(CatalogJson.code(CATALOG, c));
    assertThat(json.path("origin").path("evidence").get(0).path("metric").asText())
        .isEqualTo("sip_transactions_timed_out_total");
    assertThat(json.path("platforms").path("kamailio").asText()).contains("fr_timer");
    assertThat(json.path("isupCause").asInt()).isEqualTo(102);
    JsonNode none = new ObjectMapper().readTree(CatalogJson.code(CATALOG, CATALOG.lookup(180)));
    assertThat(none.has("origin")).isFalse();
    assertThat(none.path("platforms").isEmpty()).isTrue();
    assertThat(none.path("isupCause").isNull()).isTrue();
  }

  // ---- the catalogue refuses what it cannot stand behind

  @Test
  void evidenceNamingAMetricTheExporterDoesNotExportStopsTheLoad() {
    String yaml =
        bundled()
            .replaceFirst(
                "metric: sip_transactions_timed_out_total", "metric: sip_transactions_lost_total");
    assertThatThrownBy(() -> read(yaml))
        .hasMessageContaining("code 408 evidence metric sip_transactions_lost_total")
        .hasMessageContaining("is not one the exporter exports");
  }

  @Test
  void anUnknownPlatformStopsTheLoad() {
    String yaml = bundled().replaceFirst("      kamailio: >-", "      yate: >-");
    assertThatThrownBy(() -> read(yaml)).hasMessageContaining("unknown platform 'yate'");
  }

  @Test
  void anIsupCauseOutsideQ850StopsTheLoad() {
    String yaml = bundled().replaceFirst("    isup: 102\n", "    isup: 200\n");
    assertThatThrownBy(() -> read(yaml)).hasMessageContaining("isup 200 is no Q.850 cause");
  }

  private static String bundled() {
    try (var in = ResponseCodeCatalog.class.getResourceAsStream(ResponseCodeCatalog.RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static ResponseCodeCatalog read(String yaml) throws IOException {
    return ResponseCodeCatalog.read(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }
}
