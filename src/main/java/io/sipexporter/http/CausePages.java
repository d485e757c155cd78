package io.sipexporter.http;

import io.sipexporter.catalog.Q850Catalog;
import io.sipexporter.catalog.Q850Cause;
import io.sipexporter.catalog.Q850Text;
import io.sipexporter.catalog.ResponseCodeCatalog;

/** The HTML pages of the Q.850 cause catalogue: the index and one page per cause. */
final class CausePages {
  private CausePages() {}

  /** Every assigned cause with its class and the SIP response RFC 3398 maps it to. */
  static String index(Q850Catalog q850, ResponseCodeCatalog codes) {
    StringBuilder b = CodePages.head("Q.850 causes");
    b.append(
        "<p><a href=\"/codes\">SIP response codes</a></p>\n<h1>Q.850 causes</h1>\n<p>The"
            + " cause values a <code>Reason: Q.850;cause=N</code> header carries (RFC 3326), as"
            + " counted in <code>sip_reason_causes_total{protocol=\"Q.850\"}</code>, with the SIP"
            + " response RFC 3398 8.2.6.1 maps each to. Values 1-127 not listed are"
            + " unassigned.</p>\n");
    b.append("<table>\n<tr><th>Cause</th><th>Name</th><th>Class</th><th>In SIP</th></tr>\n");
    for (Q850Cause c : q850.all()) {
      b.append("<tr><td><a href=\"/causes/q850/")
          .append(c.cause())
          .append("\">")
          .append(c.cause())
          .append("</a></td><td>")
          .append(Html.escape(c.name()))
          .append("</td><td>")
          .append(Html.escape(c.rangeClass()))
          .append("</td><td>")
          .append(c.hasSipResponse() ? sipLink(codes, c) : "none (BYE or CANCEL)")
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
    return CodePages.tail(b);
  }

  /** One cause: class, SIP mapping, platform name, meaning, what to check. */
  static String cause(ResponseCodeCatalog codes, Q850Cause c) {
    StringBuilder b = CodePages.head(c.title());
    b.append("<p><a href=\"/causes/q850\">All Q.850 causes</a></p>\n<h1>")
        .append(Html.escape(c.title()))
        .append("</h1>\n<table>\n");
    row(b, "Class", Html.escape(c.rangeClass()));
    String sip = Q850Text.sip(codes, c);
    if (c.hasSipResponse()) {
      // the code's title becomes the link; the RFC reference and note follow it
      String title = codes.lookup(c.sipResponse()).title();
      row(b, "In SIP", sipLink(codes, c) + Html.escape(sip.substring(title.length())));
    } else {
      row(b, "In SIP", Html.escape(sip));
    }
    if (!c.freeswitch().isEmpty()) {
      row(b, "FreeSWITCH", "<code>" + Html.escape(c.freeswitch()) + "</code>");
    }
    b.append("</table>\n<h2>What it means</h2>\n<p>")
        .append(Html.escape(c.meaning()))
        .append("</p>\n<h2>What to check</h2>\n<p>")
        .append(Html.escape(c.check()))
        .append("</p>\n<h2>Counted as</h2>\n<p><code>")
        .append(
            Html.escape("sip_reason_causes_total{protocol=\"Q.850\",cause=\"" + c.cause() + "\"}"))
        .append("</code>, by the method of the BYE, CANCEL or response that carried it.</p>\n");
    return CodePages.tail(b);
  }

  /** The 404 page for a path that names no cause. */
  static String error(String message) {
    StringBuilder b = CodePages.head("Not a Q.850 cause");
    b.append("<p><a href=\"/causes/q850\">All Q.850 causes</a></p>\n<p>")
        .append(Html.escape(message))
        .append("</p>\n");
    return CodePages.tail(b);
  }

  private static String sipLink(ResponseCodeCatalog codes, Q850Cause c) {
    return "<a href=\"/codes/"
        + c.sipResponse()
        + "\">"
        + Html.escape(codes.lookup(c.sipResponse()).title())
        + "</a>";
  }

  private static void row(StringBuilder b, String key, String html) {
    b.append("<tr><th>").append(key).append("</th><td>").append(html).append("</td></tr>\n");
  }
}
