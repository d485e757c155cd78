package io.sipexporter.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page at {@code /alerts}: the alert rules' README (definitions, thresholds, one runbook
 * section per alert), bundled in the jar from {@code alerts/README.md}, as HTML with the heading
 * anchors GitHub gives, so every alert's {@code runbook_url}, {@code
 * http://<instance>/alerts#<alert>}, lands on its section of the exporter that raised it. Renders
 * only the Markdown that file uses: headings, paragraphs, lists, tables, fenced code, inline code,
 * bold and links.
 *
 * <pre>{@code
 * WebPage page = RunbookPage.page(); // 200 with the runbooks, or 404 when not bundled
 * }</pre>
 */
public final class RunbookPage {
  /** Where the build puts {@code alerts/README.md} on the class path. */
  public static final String RESOURCE = "/runbooks/README.md";

  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^(#{1,6}) (.*)$");

  private static volatile WebPage page;

  private RunbookPage() {}

  /** The page, rendered once from the bundled README; 404 when the jar was built without it. */
  public static WebPage page() {
    WebPage p = page;
    if (p == null) {
      try (InputStream in = RunbookPage.class.getResourceAsStream(RESOURCE)) {
        p =
            in == null
                ? WebPage.text(404, "404: this build has no alert runbooks (alerts/README.md)\n")
                : WebPage.html(html(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      page = p;
    }
    return p;
  }

  /** The complete HTML document for {@code markdown}. */
  public static String html(String markdown) {
    StringBuilder b = new StringBuilder(markdown.length() * 2);
    b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">")
        .append(CodePages.VIEWPORT)
        .append("<title>SIP exporter alerts")
        .append("</title><style>body{font-family:sans-serif;max-width:60em;margin:1em auto;")
        .append("padding:0 1em;line-height:1.4}table{border-collapse:collapse}td,th{border:1px")
        .append(" solid #ccc;padding:.2em .5em;text-align:left}pre,code{background:#eee}")
        .append("pre{padding:.5em;overflow-x:auto}</style></head><body>\n")
        .append("<p><a href=\"/\">SIP exporter</a> | <a href=\"/codes\">Response codes</a></p>\n");
    String[] lines = markdown.split("\n", -1);
    int i = 0;
    while (i < lines.length) {
      String line = lines[i];
      Matcher heading = HEADING.matcher(line);
      if (line.isBlank()) {
        i++;
      } else if (line.startsWith("```")) {
        b.append("<pre><code>");
        for (i++; i < lines.length && !lines[i].startsWith("```"); i++) {
          b.append(Html.escape(lines[i])).append('\n');
        }
        b.append("</code></pre>\n");
        i++;
      } else if (heading.matches()) {
        int level = heading.group(1).length();
        b.append("<h").append(level).append(" id=\"").append(anchor(heading.group(2)));
        b.append("\">").append(inline(heading.group(2))).append("</h").append(level).append(">\n");
        i++;
      } else if (line.startsWith("|")) {
        i = table(b, lines, i);
      } else if (line.startsWith("- ")) {
        i = list(b, lines, i);
      } else {
        StringBuilder text = new StringBuilder(line);
        for (i++; i < lines.length && continues(lines[i]); i++) {
          text.append(' ').append(lines[i].strip());
        }
        b.append("<p>").append(inline(text.toString())).append("</p>\n");
      }
    }
    return b.append("</body></html>\n").toString();
  }

  /** GitHub's heading anchor: lower case, punctuation dropped, spaces become hyphens. */
  static String anchor(String heading) {
    String text = CODE.matcher(heading).replaceAll("$1").toLowerCase(Locale.ROOT);
    return text.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
  }

  private static boolean continues(String line) {
    return !line.isBlank()
        && !line.startsWith("```")
        && !line.startsWith("|")
        && !line.startsWith("- ")
        && !HEADING.matcher(line).matches();
  }

  private static int table(StringBuilder b, String[] lines, int start) {
    b.append("<table>\n");
    int i = start;
    for (; i < lines.length && lines[i].startsWith("|"); i++) {
      if (lines[i].matches("\\|[-| :]+\\|?")) {
        continue; // the header separator
      }
      String cell = i == start ? "th" : "td";
      b.append("<tr>");
      String row =
          lines[i].substring(1, lines[i].endsWith("|") ? lines[i].length() - 1 : lines[i].length());
      for (String c : row.split("\\|", -1)) {
        b.append('<').append(cell).append('>').append(inline(c.strip()));
        b.append("</").append(cell).append('>');
      }
      b.append("</tr>\n");
    }
    b.append("</table>\n");
    return i;
  }

  private static int list(StringBuilder b, String[] lines, int start) {
    b.append("<ul>\n");
    int i = start;
    while (i < lines.length && lines[i].startsWith("- ")) {
      StringBuilder item = new StringBuilder(lines[i].substring(2));
      for (i++; i < lines.length && lines[i].startsWith("  ") && !lines[i].isBlank(); i++) {
        item.append(' ').append(lines[i].strip());
      }
      b.append("<li>").append(inline(item.toString())).append("</li>\n");
    }
    b.append("</ul>\n");
    return i;
  }

  /**
   * Renders links, code spans and bold, escaping everything else. A link into this page or to a web
   * address stays a link; one to a repository file becomes its text, since the exporter does not
   * serve the repository.
   */
  private static String inline(String text) {
    StringBuilder out = new StringBuilder();
    Matcher link = LINK.matcher(text);
    int last = 0;
    while (link.find()) {
      out.append(spans(text.substring(last, link.start())));
      String target = link.group(2);
      if (target.startsWith("#") || target.startsWith("http")) {
        out.append("<a href=\"").append(Html.escape(target)).append("\">");
        out.append(spans(link.group(1))).append("</a>");
      } else {
        out.append(spans(link.group(1)));
      }
      last = link.end();
    }
    return out.append(spans(text.substring(last))).toString();
  }

  private static String spans(String text) {
    StringBuilder out = new StringBuilder();
    Matcher code = CODE.matcher(text);
    int last = 0;
    while (code.find()) {
      out.append(bold(text.substring(last, code.start())));
      out.append("<code>").append(Html.escape(code.group(1))).append("</code>");
      last = code.end();
    }
    return out.append(bold(text.substring(last))).toString();
  }

  private static String bold(String text) {
    return BOLD.matcher(Html.escape(text)).replaceAll("<strong>$1</strong>");
  }
}
