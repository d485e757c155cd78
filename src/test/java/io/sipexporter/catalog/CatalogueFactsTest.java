package io.sipexporter.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The facts issue 17's review corrected, one test per fact: the catalogue is data, so each test
 * reads the fields of the entry and checks the fact and the RFC section it cites.
 */
class CatalogueFactsTest {
  private static final ResponseCodeCatalog CATALOG = ResponseCodeCatalog.load();
  private static final Path RULES = Path.of("alerts", "sip-exporter.rules.yml");

  /** Everything a code's page says, in one string: meaning, situations, fix, checks, sides. */
  static String page(int code) {
    ResponseCode c = CATALOG.lookup(code);
    List<String> parts = new ArrayList<>();
    parts.add(c.description());
    parts.add(c.whenSeen());
    parts.add(c.howToFix());
    parts.addAll(c.triage().usedWhen());
    c.triage().checks().forEach(k -> parts.add(k.step()));
    parts.add(c.triage().ifYouSent());
    parts.add(c.triage().ifYouReceived());
    return String.join("\n", parts);
  }

  // ---- factual errors

  @Test
  void trying100IsNeverForwardedByAStatefulProxyButAStatelessOneForwardsIt() {
    String d = CATALOG.lookup(100).description();
    assertThat(d).contains("a stateful proxy never forwards it upstream (RFC 3261 21.1.1)");
    assertThat(d)
        .contains("A stateless proxy forwards every response, 100 included (RFC 3261 16.11)");
    assertThat(page(100)).doesNotContain("never forwarded by proxies");
  }

  @Test
  void useProxy305RepeatsThisOneRequestAndLeavesTheOutboundProxyAlone() {
    ResponseCode c = CATALOG.lookup(305);
    assertThat(c.description()).contains("repeats this one request", "RFC 3261 21.3.4");
    assertThat(c.howToFix())
        .contains("for this request only (RFC 3261 21.3.4)")
        .contains("do not make that proxy the client's outbound proxy");
    assertThat(c.triage().ifYouReceived()).contains("Repeat only this request");
    assertThat(page(305)).doesNotContain("Configure the client's outbound proxy");
    assertThat(page(305)).doesNotContainIgnoringCase("configure the named proxy as the outbound");
  }

  @Test
  void intervalTooBrief423NamesTheRfc5626KeepAlivesCrlfAndStunNotOptions() {
    ResponseCode c = CATALOG.lookup(423);
    assertThat(c.howToFix())
        .contains(
            "RFC 5626 4.4 defines CRLF keep-alives on TCP and TLS and STUN keep-alives on UDP")
        .contains("OPTIONS pings from the proxy")
        .contains("not an RFC 5626 keep-alive");
    assertThat(c.triage().ifYouReceived())
        .contains("CRLF (TCP, TLS) or STUN (UDP)", "RFC 5626 4.4");
    assertThat(page(423)).doesNotContain("CRLF or OPTIONS");
  }

  @Test
  void invalidIdentity438DoesNotCoverAStaleIatWhichIs403StaleDate() {
    ResponseCode c = CATALOG.lookup(438);
    assertThat(c.description()).contains("not a 438", "RFC 8224 6.2", "403 \"Stale Date\"");
    assertThat(c.whenSeen()).doesNotContain("iat").doesNotContain("stale");
    assertThat(c.triage().usedWhen()).noneMatch(u -> u.contains("iat") || u.contains("stale"));
    assertThat(c.howToFix()).contains("Stale dates get 403 Stale Date, not 438");
    // the decode of the claims stays the first check
    assertThat(c.triage().checks().get(0).command()).contains("$IDENTITY");
  }

  // ---- misleading (the "For the call" lines of 380, 408, 480, 486, 487, 491: ForTheCallTest)

  @Test
  void notFound404CoversAUserWhoExistsButIsNotRegistered() {
    ResponseCode c = CATALOG.lookup(404);
    assertThat(c.description())
        .contains("Kamailio's default configuration answers 404 when lookup(\"location\") finds no")
        .contains("RFC 3261 21.4.18 gives 480");
    assertThat(c.triage().usedWhen()).anyMatch(u -> u.contains("exists but has no registered"));
    assertThat(c.howToFix()).contains("Answering that case with 480", "NER");
    assertThat(c.triage().checks()).anyMatch(k -> k.command().contains("REGISTER"));
  }

  @Test
  void requestTimeout408RunsTimerBOnlyBeforeA1xxThenTimerC() {
    ResponseCode c = CATALOG.lookup(408);
    assertThat(c.description())
        .contains("Timer B (64*T1, 32 s) only before any provisional response (17.1.1.2)")
        .contains("Timer C (more than 3 minutes, 16.8)")
        .contains("Timer F (32 s, 17.1.2.2)")
        .doesNotContain("transaction timer, 32 s by default");
    assertThat(c.triage().usedWhen())
        .anyMatch(u -> u.contains("Timer B") && u.contains("before any 1xx"))
        .anyMatch(u -> u.contains("Timer C"));
  }

  @Test
  void requestTimeout408TellsAReceived408FromOneMadeLocally() {
    ResponseCode c = CATALOG.lookup(408);
    assertThat(c.description())
        .contains("A 408 is often made, not received")
        .contains("RFC 3261 8.1.3.1", "(16.7, 16.8)");
    assertThat(c.triage().checks())
        .anyMatch(k -> k.step().startsWith("Tell a received 408 from one a proxy made"));
  }

  @Test
  void badInfoPackage469LeavesLegacyInfoWithoutAPackageTo415() {
    ResponseCode c = CATALOG.lookup(469);
    assertThat(c.description())
        .contains("RFC 6086 4.2.2", "legacy INFO usage", "answers 415, not 469");
    assertThat(c.triage().usedWhen()).anyMatch(u -> u.contains("only takes legacy INFO"));
  }

  @Test
  void loopDetected482AlsoCoversMergedRequests() {
    ResponseCode c = CATALOG.lookup(482);
    assertThat(c.description()).contains("16.3, step 4", "a merged request (8.2.2.2)");
    assertThat(c.whenSeen()).contains("a phone registered with two bindings");
    assertThat(c.outcome()).contains("A merged request fails only the duplicate copy");
    assertThat(c.triage().checks())
        .anyMatch(k -> k.command().contains("sip.CSeq.method == \"REGISTER\""));
  }

  @Test
  void serverInternalError500NamesTheRewrittenLone503AndGlareAndIsNotCritical() {
    ResponseCode c = CATALOG.lookup(500);
    assertThat(c.severity()).isEqualTo(Severity.WARNING);
    assertThat(c.description())
        .contains("sends a 500 upstream instead (RFC 3261 16.7, step 6)")
        .contains("a Retry-After of 0-10 s (14.2, glare)");
    assertThat(c.howToFix()).startsWith("First tell the kinds apart");
    assertThat(c.triage().checks())
        .anyMatch(k -> k.command().contains("sip.Status-Code == 500 and sip.Retry-After"));
  }

  // ---- thin (488's re-INVITE: ForTheCallTest; 414, 480, 500, 505's older phrases: AliasesTest)

  @Test
  void accepted202IsDeprecatedForReferTooByRfc7647() {
    ResponseCode c = CATALOG.lookup(202);
    assertThat(c.description())
        .contains("RFC 7647 section 5 extends the deprecation to REFER")
        .doesNotContain("It is still the usual answer to REFER");
    assertThat(c.howToFix()).contains("treat it as 200 (RFC 6665, RFC 7647 5)");
  }

  @Test
  void forbidden403CoversStaleDateTheRegistrarsAuthIdCheckAndQ850Cause21() {
    ResponseCode c = CATALOG.lookup(403);
    assertThat(c.whenSeen())
        .contains("the reason phrase \"Stale Date\" (RFC 8224 6.2, step 4)")
        .contains("an authentication username other than the To user (RFC 3261 10.3, step 4)")
        .contains("ISDN cause 21, call rejected", "RFC 3398 8.2.6.1", "Q.850;cause=21");
    assertThat(c.howToFix()).contains("\"Stale Date\"", "NTP", "Q.850;cause=21");
    assertThat(c.triage().checks())
        .anyMatch(k -> k.command().contains("sip.auth.username"))
        .anyMatch(k -> k.command().equals("chronyc tracking"));
  }

  @ParameterizedTest
  @ValueSource(ints = {428, 436, 437, 438})
  void stirCodesSayAContinuingCallCarriesTheFailureInAReasonHeader(int code) {
    ResponseCode c = CATALOG.lookup(code);
    assertThat(c.description())
        .contains("RFC 9410", "Reason header (STIR;cause=43x)")
        .contains("counting this status code undercounts STIR failures");
    assertThat(c.triage().checks())
        .anyMatch(k -> k.command().contains("-Y 'sip.Reason contains \"STIR\"'"));
    // the first check of each stays the one the end-to-end catalogue test runs first
    assertThat(c.triage().checks().get(0).command()).doesNotContain("STIR");
  }

  @Test
  void serviceUnavailable503StopsEveryRequestDuringRetryAfterAndIsAlsoATransportError() {
    ResponseCode c = CATALOG.lookup(503);
    assertThat(c.description())
        .contains("a client sends that server no request at all, not just this one (RFC 3261")
        .contains("21.5.4")
        .contains("a transport error counts as a 503 (8.1.3.1, 16.9) with no 503 on the wire");
    assertThat(c.triage().usedWhen()).anyMatch(u -> u.startsWith("A transport error"));
    assertThat(c.triage().ifYouReceived()).contains("no request to that server until it ends");
  }

  @Test
  void decline603CancelsEveryForkedBranchVoicemailIncluded() {
    ResponseCode c = CATALOG.lookup(603);
    assertThat(c.description())
        .contains("a forking proxy cancels every other branch, voicemail")
        .contains("(RFC 3261 16.7)");
    assertThat(c.howToFix()).contains("have the phones reject with 486 instead");
  }

  @Test
  void identityAndServerTimeoutSeveritiesAreTheAlertRules() throws IOException {
    JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
    Map<String, String> ruleSeverity = new HashMap<>();
    for (JsonNode group : rules.get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        JsonNode labels = rule.get("labels");
        if (rule.has("alert") && labels != null && labels.has("code")) {
          ruleSeverity.put(labels.get("code").asText(), labels.get("severity").asText());
        }
      }
    }
    String table = Files.readString(Path.of("alerts", "README.md"));
    for (int code : new int[] {437, 438, 504}) {
      ResponseCode c = CATALOG.lookup(code);
      assertThat(c.severity()).as("%d", code).isEqualTo(Severity.CRITICAL);
      assertThat(ruleSeverity.get(Integer.toString(code)))
          .as("%d in %s", code, RULES)
          .isEqualTo(c.alertSeverity().label());
      assertThat(table).containsPattern("\\| " + code + " \\|[^\\n]*\\| critical \\|");
    }
  }
}
