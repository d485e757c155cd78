package io.sipexporter.http;

import java.util.List;

/** The page at {@code /}: what this exporter is, where it listens, and links to everything else. */
public final class LandingPage {
  private final String html;

  /** The pages every exporter serves, metrics under {@code telemetryPath}: path and title. */
  public static List<String[]> pages(String telemetryPath) {
    return List.of(
        new String[] {telemetryPath, "Metrics"},
        new String[] {
          "/codes", "SIP response codes: what each means, how to fix it, how many seen"
        },
        new String[] {"/causes/q850", "Q.850 causes: what each Reason cause means, what to check"},
        new String[] {"/alerts", "Alert runbooks: what each bundled alert means, how to fix it"},
        new String[] {"/-/healthy", "Health"},
        new String[] {"/-/ready", "Readiness"});
  }

  /**
   * @param version the exporter's version and revision, e.g. {@code 0.1.0 (abc123)}
   * @param listeners one line per listener, e.g. {@code SIP udp+tcp 0.0.0.0:5060}
   * @param links path and title of each page to link
   */
  public LandingPage(String version, List<String> listeners, List<String[]> links) {
    StringBuilder b = new StringBuilder(1024);
    b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">")
        .append(CodePages.VIEWPORT)
        .append("<title>SIP Exporter</title>")
        .append("<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;}")
        .append("code{background:#eee;padding:0 .2em}</style></head><body>\n")
        .append("<h1>SIP Exporter</h1>\n<p>Prometheus exporter for mirrored SIP traffic, version ")
        .append(Html.escape(version))
        .append(".</p>\n<h2>Listening</h2>\n<ul>\n");
    for (String listener : listeners) {
      b.append("<li><code>").append(Html.escape(listener)).append("</code></li>\n");
    }
    b.append("</ul>\n<h2>Pages</h2>\n<ul>\n");
    for (String[] link : links) {
      b.append("<li><a href=\"")
          .append(Html.escape(link[0]))
          .append("\">")
          .append(Html.escape(link[1]))
          .append("</a></li>\n");
    }
    html = b.append("</ul>\n</body></html>\n").toString();
  }

  public String html() {
    return html;
  }
}
