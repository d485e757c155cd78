package io.sipexporter.http;

import io.sipexporter.catalog.Check;
import io.sipexporter.catalog.ClassGuidance;
import io.sipexporter.catalog.CodeClass;
import io.sipexporter.catalog.CodeComparison;
import io.sipexporter.catalog.Evidence;
import io.sipexporter.catalog.InPractice;
import io.sipexporter.catalog.PlatformNote;
import io.sipexporter.catalog.ResponseCode;
import io.sipexporter.catalog.ResponseCodeCatalog;
import io.sipexporter.catalog.Triage;
import io.sipexporter.metrics.SipMeters;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToLongFunction;
import java.util.function.ToDoubleFunction;

/**
 * HTML pages for {@code /codes}, {@code /codes/{code}}, {@code /codes/4xx} and {@code
 * /codes/compare/{a}/{b}}: pure functions from the catalogue (and the live counts) to a complete
 * document, every catalogue text HTML-escaped, readable on a phone.
 *
 * <pre>{@code
 * String html = CodePages.index(catalog, code -> counts.seen(code));
 * }</pre>
 */
public final class CodePages {
  private static final String STYLE =
      "body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;line-height:1.4}"
          + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;"
          + "text-align:left;vertical-align:top}td.n{text-align:right}"
          + ".none{color:#555}.info{color:#05a}.warning{color:#a60}.critical{color:#c00;"
          + "font-weight:bold}pre{background:#eee;padding:.5em;overflow-x:auto}"
          + "li{margin-bottom:.5em}";

  /** Lets a phone show the page at its own width; every page of the exporter carries it. */
  public static final String VIEWPORT =
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";

  private CodePages() {}

  /**
   * The table of all registered codes with the count seen since start, followed by any unregistered
   * codes that were seen.
   *
   * @param seen the number of responses seen with a code since start (0 if never)
   */
  public static String index(ResponseCodeCatalog catalog, IntToLongFunction seen) {
    StringBuilder b = head("SIP response codes");
    b.append(
        "<h1>SIP response codes</h1>\n<p>All codes of the IANA registry, with the number of"
            + " responses seen since the exporter started. Also as JSON: <a href=\"/api/v1/codes\">"
            + "/api/v1/codes</a>. Compare two codes at <code>/codes/compare/486/600</code>."
            + " Classes: <a href=\"/codes/1xx\">1xx</a> <a href=\"/codes/2xx\">2xx</a>"
            + " <a href=\"/codes/3xx\">3xx</a> <a href=\"/codes/4xx\">4xx</a>"
            + " <a href=\"/codes/5xx\">5xx</a> <a href=\"/codes/6xx\">6xx</a>.</p>\n");
    b.append(
        "<table>\n<tr><th>Code</th><th>Reason</th><th>Class</th><th>Severity</th>"
            + "<th>Seen</th></tr>\n");
    for (int code = 100; code <= 699; code++) {
      long count = seen.applyAsLong(code);
      if (!catalog.isRegistered(code) && count == 0) {
        continue;
      }
      ResponseCode c = catalog.lookup(code);
      String reason = c.registered() ? Html.escape(c.reason()) : "<em>unregistered</em>";
      b.append("<tr><td><a href=\"/codes/")
          .append(code)
          .append("\">")
          .append(code)
          .append("</a></td><td>")
          .append(reason)
          .append("</td><td>")
          .append(Html.escape(c.codeClass().label() + " " + c.codeClass().displayName()))
          .append("</td><td class=\"")
          .append(c.severity().label())
          .append("\">")
          .append(c.severity().label())
          .append("</td><td class=\"n\">")
          .append(count)
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
    return tail(b);
  }

  /**
   * One code as {@link #code(ResponseCodeCatalog, ResponseCode, long, CodeRates.Live,
   * ToDoubleFunction)}, no rates.
   */
  public static String code(ResponseCodeCatalog catalog, ResponseCode c, long seen) {
    return code(catalog, c, seen, null, null);
  }

  /**
   * One code: class, severity, RFC, what it means, when you see it, how to fix, what to check (with
   * commands), which side to look at, and its live rate by method from this exporter's counters.
   *
   * @param live the live counts, or null to leave the section out
   * @param sinceStart this exporter's total of a metric since start (the evidence of who generated
   *     the code), or null to show the queries alone
   */
  public static String code(
      ResponseCodeCatalog catalog,
      ResponseCode c,
      long seen,
      CodeRates.Live live,
      ToDoubleFunction<SipMeters> sinceStart) {
    StringBuilder b = head(c.title());
    b.append("<p><a href=\"/codes\">All codes</a></p>\n<h1>")
        .append(Html.escape(c.title()))
        .append("</h1>\n");
    facts(b, catalog, c);
    b.append("<tr><th>Seen since start</th><td>").append(seen).append("</td></tr>\n</table>\n");
    prose(b, c, "h2");
    triage(b, c.triage());
    inPractice(b, c.inPractice(), sinceStart);
    if (live != null) {
      live(b, live);
    }
    b.append("<p>As JSON: <a href=\"/api/v1/codes/")
        .append(c.code())
        .append("\">/api/v1/codes/")
        .append(c.code())
        .append("</a></p>\n");
    return tail(b);
  }

  /** Two codes side by side: key differences first, then each code in full. */
  public static String compare(ResponseCodeCatalog catalog, CodeComparison cmp) {
    String title = cmp.first().title() + " vs " + cmp.second().title();
    StringBuilder b = head(title);
    b.append("<p><a href=\"/codes\">All codes</a></p>\n<h1>")
        .append(Html.escape(title))
        .append("</h1>\n<h2>Key differences</h2>\n<ul>\n");
    for (String d : cmp.differences()) {
      b.append("<li>").append(Html.escape(d)).append("</li>\n");
    }
    b.append("</ul>\n");
    for (ResponseCode c : List.of(cmp.first(), cmp.second())) {
      b.append("<h2><a href=\"/codes/")
          .append(c.code())
          .append("\">")
          .append(Html.escape(c.title()))
          .append("</a></h2>\n");
      facts(b, catalog, c);
      b.append("</table>\n");
      prose(b, c, "h3");
    }
    b.append("<h2>When each is used</h2>\n");
    for (ResponseCode c : List.of(cmp.first(), cmp.second())) {
      b.append("<h3>").append(Html.escape(c.title())).append("</h3>\n");
      situations(b, c.triage());
    }
    return tail(b);
  }

  /**
   * A whole class, e.g. {@code /codes/5xx}: what it means, the class's checks and sides, its live
   * rate by method over all its codes, and its registered codes.
   */
  public static String codeClass(ResponseCodeCatalog catalog, CodeClass cc, CodeRates.Live live) {
    ClassGuidance g = catalog.guidance(cc);
    String title = cc.label() + " " + cc.displayName();
    StringBuilder b = head(title);
    b.append("<p><a href=\"/codes\">All codes</a></p>\n<h1>")
        .append(Html.escape(title))
        .append("</h1>\n<h2>What it means</h2>\n<p>")
        .append(Html.escape(g.description()))
        .append("</p>\n<p>For the call: ")
        .append(Html.escape(g.outcome()))
        .append("</p>\n<p>A code of this class outside the registry is handled as ")
        .append(link(catalog.lookup(g.treatedAs())))
        .append(" (RFC 3261 8.1.3.2).</p>\n<h2>When you see it</h2>\n<p>")
        .append(Html.escape(g.whenSeen()))
        .append("</p>\n");
    situations(b, g.triage());
    b.append("<h2>How to fix</h2>\n<p>").append(Html.escape(g.howToFix())).append("</p>\n");
    triage(b, g.triage());
    if (live != null) {
      live(b, live);
    }
    b.append("<h2>Codes of this class</h2>\n<ul>\n");
    for (ResponseCode c : catalog.registered()) {
      if (c.codeClass() == cc) {
        b.append("<li>").append(link(c)).append("</li>\n");
      }
    }
    b.append("</ul>\n");
    return tail(b);
  }

  /** A short page for bad input (unknown or malformed code, unknown path). */
  public static String error(String message) {
    StringBuilder b = head("Not a SIP response code");
    b.append("<p><a href=\"/codes\">All codes</a></p>\n<p>")
        .append(Html.escape(message))
        .append("</p>\n");
    return tail(b);
  }

  /** Who may have generated it, with the exporter's own evidence, then the platform notes. */
  private static void inPractice(
      StringBuilder b, InPractice p, ToDoubleFunction<SipMeters> sinceStart) {
    p.origin()
        .ifPresent(
            o -> {
              b.append("<h2 id=\"origin\">Received or generated?</h2>\n<p>")
                  .append(Html.escape(o.howToTell()))
                  .append("</p>\n<p>This exporter's evidence:</p>\n<ul>\n");
              for (Evidence e : o.evidence()) {
                b.append("<li><code>").append(Html.escape(e.query())).append("</code>: ");
                b.append(Html.escape(e.shows()));
                if (sinceStart != null) {
                  b.append(" This exporter since start: <code>")
                      .append(e.metric().prometheusName())
                      .append("</code> ")
                      .append(
                          String.format(Locale.ROOT, "%.0f", sinceStart.applyAsDouble(e.metric())))
                      .append('.');
                }
                b.append("</li>\n");
              }
              b.append("</ul>\n");
            });
    if (!p.platforms().isEmpty()) {
      b.append("<h2 id=\"platforms\">On common platforms</h2>\n<ul>\n");
      for (PlatformNote n : p.platforms()) {
        b.append("<li><strong>")
            .append(Html.escape(n.platform().displayName()))
            .append("</strong>: ")
            .append(Html.escape(n.note()))
            .append("</li>\n");
      }
      b.append("</ul>\n");
    }
  }

  private static void facts(StringBuilder b, ResponseCodeCatalog catalog, ResponseCode c) {
    b.append("<table>\n");
    row(b, "Class", Html.escape(c.codeClass().label() + " " + c.codeClass().displayName()));
    row(
        b,
        "Severity",
        "<span class=\"" + c.severity().label() + "\">" + c.severity().label() + "</span>");
    if (c.registered()) {
      row(b, "Defined in", Html.escape(c.rfc()));
      if (!c.aliases().isEmpty()) {
        row(b, "Older phrases", Html.escape(String.join(", ", c.aliases())));
      }
      StringBuilder rel = new StringBuilder();
      for (int r : c.related()) {
        rel.append(rel.length() == 0 ? "" : ", ").append(link(catalog.lookup(r)));
      }
      row(b, "Related", rel.toString());
      if (c.inPractice().hasIsupCause()) {
        row(
            b,
            "PSTN (ISUP)",
            "a gateway releases the call with <a href=\"/causes/q850/"
                + c.inPractice().isupCause()
                + "\">Q.850 cause "
                + c.inPractice().isupCause()
                + "</a> ("
                + InPractice.ISUP_MAPPING
                + ")");
      }
    } else {
      row(
          b,
          "Registry",
          "not registered; handled as "
              + link(catalog.lookup(c.related().get(0)))
              + " (RFC 3261 8.1.3.2)");
    }
  }

  private static void prose(StringBuilder b, ResponseCode c, String h) {
    b.append('<')
        .append(h)
        .append(">What it means</")
        .append(h)
        .append(">\n<p>")
        .append(Html.escape(c.description()))
        .append("</p>\n<p>For the call: ")
        .append(Html.escape(c.outcome()))
        .append("</p>\n");
    if (c.hasInDialog()) {
      b.append("<p>In a dialog: ").append(Html.escape(c.inDialog())).append("</p>\n");
    }
    b.append('<')
        .append(h)
        .append(">When you see it</")
        .append(h)
        .append(">\n<p>")
        .append(Html.escape(c.whenSeen()))
        .append("</p>\n");
    b.append('<')
        .append(h)
        .append(">How to fix</")
        .append(h)
        .append(">\n<p>")
        .append(Html.escape(c.howToFix()))
        .append("</p>\n");
  }

  private static void triage(StringBuilder b, Triage t) {
    b.append("<h2>What to check</h2>\n<ol>\n");
    for (Check check : t.checks()) {
      b.append("<li>").append(Html.escape(check.step()));
      if (check.hasCommand()) {
        b.append("<pre><code>").append(Html.escape(check.command())).append("</code></pre>");
      }
      b.append("</li>\n");
    }
    b.append("</ol>\n<h2>Which side to look at</h2>\n<h3>If you sent it</h3>\n<p>")
        .append(Html.escape(t.ifYouSent()))
        .append("</p>\n<h3>If you received it</h3>\n<p>")
        .append(Html.escape(t.ifYouReceived()))
        .append("</p>\n");
  }

  private static void situations(StringBuilder b, Triage t) {
    b.append("<ul>\n");
    for (String s : t.usedWhen()) {
      b.append("<li>").append(Html.escape(s)).append("</li>\n");
    }
    b.append("</ul>\n");
  }

  /** The live table: per method, rate over the last window once there is one, total since start. */
  private static void live(StringBuilder b, CodeRates.Live live) {
    Duration d = live.window();
    String window = d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    b.append("<h2 id=\"live\">Live rate by method")
        .append(live.byPeer() ? ", peer and direction" : "")
        .append("</h2>\n");
    if (live.rows().isEmpty()) {
      b.append("<p>This exporter has counted none since it started.</p>\n");
      return;
    }
    b.append("<p>From this exporter's own <code>sip_responses_total</code> counters. ")
        .append(
            live.hasRate()
                ? "Rate over the last " + window + ", refreshed every " + window + "."
                : "The rate needs two snapshots, " + window + " apart: until then, the total.")
        .append("</p>\n<table>\n<tr><th>Method</th>")
        .append(live.byPeer() ? "<th>Peer</th><th>Direction</th>" : "")
        .append("<th>Per second</th><th>Total since start</th></tr>\n");
    for (CodeRates.MethodRate r : live.rows()) {
      b.append("<tr><td>").append(Html.escape(r.method())).append("</td>");
      if (live.byPeer()) {
        b.append("<td>")
            .append(r.peer().isEmpty() ? "(none)" : Html.escape(r.peer()))
            .append("</td><td>")
            .append(side(r.direction()))
            .append("</td>");
      }
      b.append("<td class=\"n\">")
          .append(
              Double.isNaN(r.perSecond())
                  ? "after " + window
                  : String.format(Locale.ROOT, "%.3f", r.perSecond()))
          .append("</td><td class=\"n\">")
          .append(r.total())
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
  }

  /** Who answered, in words: {@code in} the peer answered us, {@code out} we answered the peer. */
  private static String side(String direction) {
    return switch (direction) {
      case "in" -> "in (the peer answered)";
      case "out" -> "out (we answered the peer)";
      default -> "";
    };
  }

  private static String link(ResponseCode c) {
    return "<a href=\"/codes/" + c.code() + "\">" + Html.escape(c.title()) + "</a>";
  }

  private static void row(StringBuilder b, String key, String html) {
    b.append("<tr><th>").append(key).append("</th><td>").append(html).append("</td></tr>\n");
  }

  /** The document head every catalogue page shares (also the Q.850 cause pages). */
  static StringBuilder head(String title) {
    return new StringBuilder(4096)
        .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n")
        .append("<meta charset=\"utf-8\">\n")
        .append(VIEWPORT)
        .append("\n<title>")
        .append(Html.escape(title))
        .append("</title>\n<style>")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n");
  }

  static String tail(StringBuilder b) {
    return b.append("</body>\n</html>\n").toString();
  }
}
