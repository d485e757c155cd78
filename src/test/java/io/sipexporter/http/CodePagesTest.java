package io.sipexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.catalog.ResponseCode;
import io.sipexporter.catalog.ResponseCodeCatalog;
import io.sipexporter.metrics.SipMeters;
import org.junit.jupiter.api.Test;

class CodePagesTest {
  private static final ResponseCodeCatalog CATALOG = ResponseCodeCatalog.load();

  @Test
  void indexListsEveryCodeWithItsCount() {
    String html = CodePages.index(CATALOG, code -> code == 200 ? 42 : code == 499 ? 3 : 0);
    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    for (ResponseCode c : CATALOG.registered()) {
      assertThat(html).contains("<a href=\"/codes/" + c.code() + "\">" + c.code() + "</a>");
    }
    assertThat(html).contains("<td>OK</td>").contains("<td class=\"n\">42</td>");
    assertThat(html.split("<tr><td>", -1)).hasSize(75 + 1 + 1); // 75 registered + 499 seen
    assertThat(html)
        .contains("/codes/499\">499</a></td><td><em>unregistered</em>")
        .doesNotContain("/codes/498\"");
    assertThat(html).contains("Call/Transaction Does Not Exist");
  }

  @Test
  void codePageSaysHowToTellWhoSentItWithThisExportersOwnCounts() {
    String html =
        CodePages.code(
            CATALOG,
            CATALOG.lookup(408),
            3,
            null,
            m -> m == SipMeters.TRANSACTIONS_TIMED_OUT ? 7 : 0);
    assertThat(html)
        .contains("<h2 id=\"origin\">Received or generated?</h2>")
        .contains("<li><code>sum by (method) (rate(sip_transactions_timed_out_total[5m]))</code>: ")
        .contains("This exporter since start: <code>sip_transactions_timed_out_total</code> 7.")
        .contains("<code>sip_retransmissions_total</code> 0.")
        .contains("<h2 id=\"platforms\">On common platforms</h2>")
        .contains("<li><strong>OpenSIPS</strong>: ")
        .contains(
            "<tr><th>PSTN (ISUP)</th><td>a gateway releases the call with"
                + " <a href=\"/causes/q850/102\">Q.850 cause 102</a> (RFC 3398 7.2.4.1)");
    assertThat(CodePages.code(CATALOG, CATALOG.lookup(408), 3))
        .contains("Received or generated?")
        .doesNotContain("This exporter since start");
    assertThat(CodePages.code(CATALOG, CATALOG.lookup(180), 0))
        .doesNotContain("Received or generated?")
        .doesNotContain("On common platforms")
        .doesNotContain("PSTN (ISUP)");
  }

  @Test
  void codePageEscapesCatalogueText() {
    String html = CodePages.code(CATALOG, CATALOG.lookup(183), 7);
    assertThat(html)
        .contains("<h1>183 Session Progress</h1>")
        .contains("(&quot;the number you have dialled...&quot;)")
        .doesNotContain("(\"the number");
    assertThat(CodePages.code(CATALOG, CATALOG.lookup(200), 0))
        .contains("caller&#39;s ACK")
        .doesNotContain("caller's ACK");
  }

  @Test
  void codePageShowsTheCodesOwnLineForTheCallAndItsDialogLine() {
    ResponseCode c408 = CATALOG.lookup(408);
    String classLine = CATALOG.guidance(c408.codeClass()).outcome();
    String html = CodePages.code(CATALOG, c408, 0);
    assertThat(html)
        .contains("<p>For the call: " + Html.escape(c408.outcome()) + "</p>")
        .contains("<p>In a dialog: " + Html.escape(c408.inDialog()) + "</p>")
        .doesNotContain(Html.escape(classLine));
    assertThat(CodePages.code(CATALOG, CATALOG.lookup(404), 0))
        .contains("<p>For the call: " + Html.escape(classLine) + "</p>")
        .doesNotContain("In a dialog:");
  }

  @Test
  void codePageShowsAllSections() {
    String html = CodePages.code(CATALOG, CATALOG.lookup(437), 5);
    assertThat(html)
        .contains("<title>437 Unsupported Credential</title>")
        .contains("<tr><th>Class</th><td>4xx Client Failure</td></tr>")
        .contains("<tr><th>Defined in</th><td>RFC 8224</td></tr>")
        .contains("<tr><th>Older phrases</th><td>Unsupported Certificate</td></tr>")
        .contains("<tr><th>Seen since start</th><td>5</td></tr>")
        .contains("What it means", "When you see it", "How to fix", "complete chain")
        .contains("<a href=\"/codes/436\">436 Bad Identity Info</a>")
        .contains("href=\"/api/v1/codes/437\"");
  }

  @Test
  void unregisteredCodePageNamesTheFallback() {
    String html = CodePages.code(CATALOG, CATALOG.lookup(499), 1);
    assertThat(html)
        .contains("<h1>499 (unregistered 4xx)</h1>")
        .contains("handled as <a href=\"/codes/400\">400 Bad Request</a>");
  }

  @Test
  void comparePageShowsDifferencesThenBothCodes() {
    String html = CodePages.compare(CATALOG, CATALOG.compare(200, 437));
    assertThat(html)
        .contains("<h1>200 OK vs 437 Unsupported Credential</h1>")
        .contains("<li>Class: 200 is 2xx Success, 437 is 4xx Client Failure.</li>")
        .contains("<h2><a href=\"/codes/200\">200 OK</a></h2>")
        .contains("<h2><a href=\"/codes/437\">437 Unsupported Credential</a></h2>");
  }

  @Test
  void errorPageEscapesTheMessage() {
    assertThat(CodePages.error("'<script>' is not a number"))
        .contains("&#39;&lt;script&gt;&#39; is not a number")
        .doesNotContain("<script>");
  }
}
