package io.sipexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.ops.AlertRules;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@code /alerts} serves the alert runbooks with an anchor for every alert's {@code runbook_url},
 * from the README bundled in the jar, and renders its Markdown without letting any of it through as
 * markup.
 */
class RunbookPageTest {

  @Test
  void everyAlertWithoutACodeHasItsSectionAndFixOnThePageTheJarServes() {
    WebPage page = RunbookPage.page();
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).isEqualTo(WebPage.HTML);
    for (AlertRules.Alert alert : AlertRules.load().alerts()) {
      if (alert.code() != null) {
        continue; // code alerts link to /codes/<code>
      }
      String anchor = alert.name().toLowerCase(Locale.ROOT);
      assertThat(alert.annotations().get("runbook_url")).endsWith("/alerts#" + anchor);
      assertThat(page.body())
          .contains("<h3 id=\"" + anchor + "\">" + alert.name() + "</h3>")
          .contains(Html.escape(alert.fix()));
    }
  }

  @Test
  void theBundledReadmeIsTheOneInTheRepository() throws IOException {
    String readme = Files.readString(AlertRules.DIR.resolve("README.md"));
    assertThat(RunbookPage.page().body()).isEqualTo(RunbookPage.html(readme));
  }

  @Test
  void rendersHeadingsParagraphsListsTablesAndCode() {
    String html =
        RunbookPage.html(
            String.join(
                "\n",
                "# Alerts and `rules`",
                "",
                "One **bold** line",
                "continued, with a [section link](#definitions), a [web link](https://example.org/)",
                "and a [repository file](alertmanager/x.tmpl).",
                "",
                "- first item",
                "  continued",
                "- second `item`",
                "",
                "| Alert | Fires when |",
                "|---|---|",
                "| SipX | ratio > 0.5 |",
                "",
                "```sh",
                "sed -i 's|a|b|' <file>",
                "```"));
    assertThat(html)
        .contains("<h1 id=\"alerts-and-rules\">Alerts and <code>rules</code></h1>")
        .contains(
            "<p>One <strong>bold</strong> line continued, with a <a href=\"#definitions\">section"
                + " link</a>, a <a href=\"https://example.org/\">web link</a> and a repository"
                + " file.</p>")
        .contains("<ul>\n<li>first item continued</li>\n<li>second <code>item</code></li>\n</ul>")
        .contains(
            "<table>\n<tr><th>Alert</th><th>Fires when</th></tr>\n"
                + "<tr><td>SipX</td><td>ratio &gt; 0.5</td></tr>\n</table>")
        .contains("<pre><code>sed -i &#39;s|a|b|&#39; &lt;file&gt;\n</code></pre>");
  }

  @Test
  void nothingInTheMarkdownBecomesMarkup() {
    String html =
        RunbookPage.html(
            "<script>alert(1)</script> `<b>` [x](javascript:alert(1)) **<i>**\n\n# <h1>");
    assertThat(html)
        .doesNotContain("<script>", "<b>", "<i>", "javascript:")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "<code>&lt;b&gt;</code>", "x")
        .contains("<strong>&lt;i&gt;</strong>", "<h1 id=\"h1\">&lt;h1&gt;</h1>");
  }

  @Test
  void anchorsAreGitHubs() {
    assertThat(RunbookPage.anchor("SipExporterDown")).isEqualTo("sipexporterdown");
    assertThat(RunbookPage.anchor("Thresholds and windows")).isEqualTo("thresholds-and-windows");
    assertThat(RunbookPage.anchor("Identity and certificates (STIR/SHAKEN)"))
        .isEqualTo("identity-and-certificates-stirshaken");
  }
}
