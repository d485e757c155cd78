package io.sipexporter.catalog;

import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Markdown explanations, for {@code --format markdown} and the runbooks under {@code docs/codes/}.
 *
 * <pre>{@code
 * String md = CodeMarkdown.explain(catalog, catalog.lookup(437), code -> code + ".md");
 * }</pre>
 */
public final class CodeMarkdown {
  private CodeMarkdown() {}

  /**
   * One code as a Markdown page.
   *
   * @param link the link target for a related code, or {@code null} for plain text
   */
  public static String explain(
      ResponseCodeCatalog catalog, ResponseCode c, IntFunction<String> link) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(c.title()).append("\n\n");
    facts(out, catalog, c, link);
    out.append("\n## What it means\n\n").append(c.description()).append("\n\n");
    out.append("For the call: ").append(c.outcome()).append('\n');
    if (c.hasInDialog()) {
      out.append("\nIn a dialog: ").append(c.inDialog()).append('\n');
    }
    out.append("\n## When you see it\n\n").append(c.whenSeen()).append('\n');
    out.append("\n## How to fix\n\n").append(c.howToFix()).append('\n');
    out.append("\n## What to check\n\n");
    int n = 1;
    for (Check check : c.triage().checks()) {
      out.append(n++).append(". ").append(check.step()).append('\n');
      if (check.hasCommand()) {
        out.append("\n   ```sh\n");
        check.command().lines().forEach(l -> out.append("   ").append(l).append('\n'));
        out.append("   ```\n");
      }
      out.append('\n');
    }
    out.append("## If you sent it\n\n").append(c.triage().ifYouSent()).append('\n');
    out.append("\n## If you received it\n\n").append(c.triage().ifYouReceived()).append('\n');
    inPractice(out, c.inPractice());
    out.append("\n## Live rate\n\n")
        .append("A running exporter shows the rate of this code by method, from its own counters,")
        .append(" at `/codes/")
        .append(c.code())
        .append("` on its web address.\n");
    return out.toString();
  }

  /** Two codes compared: key differences, then each code's meaning, occasions and fix. */
  public static String compare(ResponseCodeCatalog catalog, CodeComparison cmp) {
    StringBuilder out = new StringBuilder();
    out.append("# ")
        .append(cmp.first().title())
        .append(" vs ")
        .append(cmp.second().title())
        .append("\n\n## Key differences\n\n");
    for (String d : cmp.differences()) {
      out.append("- ").append(d).append('\n');
    }
    for (ResponseCode c : List.of(cmp.first(), cmp.second())) {
      out.append("\n## ").append(c.title()).append("\n\n");
      facts(out, catalog, c, code -> null);
      out.append("\n**What it means:** ").append(c.description()).append("\n\n");
      out.append("**When it applies:** ").append(c.whenSeen()).append("\n\n");
      out.append("**How to fix:** ").append(c.howToFix()).append('\n');
    }
    out.append("\n## When each is used\n");
    for (ResponseCode c : List.of(cmp.first(), cmp.second())) {
      out.append("\n**").append(c.title()).append("**\n\n");
      c.triage().usedWhen().forEach(u -> out.append("- ").append(u).append('\n'));
    }
    return out.toString();
  }

  private static void inPractice(StringBuilder out, InPractice p) {
    p.origin()
        .ifPresent(
            o -> {
              out.append("\n## Received or generated?\n\n").append(o.howToTell()).append('\n');
              out.append("\nThis exporter's evidence:\n\n");
              for (Evidence e : o.evidence()) {
                out.append("- `").append(e.query()).append("`: ").append(e.shows()).append('\n');
              }
            });
    if (!p.platforms().isEmpty()) {
      out.append("\n## On common platforms\n\n");
      for (PlatformNote n : p.platforms()) {
        out.append("- **")
            .append(n.platform().displayName())
            .append("**: ")
            .append(n.note())
            .append('\n');
      }
    }
  }

  private static void facts(
      StringBuilder out, ResponseCodeCatalog catalog, ResponseCode c, IntFunction<String> link) {
    out.append("| | |\n|---|---|\n");
    row(out, "Class", c.codeClass().label() + " " + c.codeClass().displayName());
    row(out, "Severity", "`" + c.severity().label() + "`");
    if (!c.alertSeverityWhy().isEmpty()) {
      row(out, "Alert severity", "`" + c.alertSeverity().label() + "`: " + c.alertSeverityWhy());
    }
    if (c.registered()) {
      row(out, "Defined in", c.rfc());
      if (!c.aliases().isEmpty()) {
        row(out, "Older phrases", String.join(", ", c.aliases()));
      }
      row(
          out,
          "Related",
          c.related().stream().map(r -> ref(catalog, r, link)).collect(Collectors.joining(", ")));
      if (c.inPractice().hasIsupCause()) {
        row(out, "PSTN (ISUP)", CodeText.isupLine(c.inPractice()));
      }
    } else {
      row(
          out,
          "Registry",
          "not registered; handled as "
              + ref(catalog, c.related().get(0), link)
              + " (RFC 3261 8.1.3.2)");
    }
  }

  private static String ref(ResponseCodeCatalog catalog, int code, IntFunction<String> link) {
    String title = catalog.lookup(code).title();
    String target = link.apply(code);
    return target == null ? title : "[" + title + "](" + target + ")";
  }

  private static void row(StringBuilder out, String key, String value) {
    out.append("| ").append(key).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
  }
}
