package io.sipexporter.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The facts issue 17's review corrected, one test per fact: the catalogue is data, so each test
 * reads the fields of the entry and checks the fact and the RFC section it cites.
 */
class CatalogueFactsTest {
  private static final ResponseCodeCatalog CATALOG = ResponseCodeCatalog.load();

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
}
