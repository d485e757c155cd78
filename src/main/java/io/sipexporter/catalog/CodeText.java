package io.sipexporter.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Plain-text explanations for a terminal, wrapped at 78 columns.
 *
 * <pre>{@code
 * System.out.print(CodeText.explain(catalog, catalog.lookup(437)));
 * }</pre>
 */
public final class CodeText {
  private static final int WIDTH = 78;
  private static final int LABEL = 14;

  private CodeText() {}

  /** Everything the catalogue says about one code. */
  public static String explain(ResponseCodeCatalog catalog, ResponseCode c) {
    StringBuilder out = new StringBuilder();
    out.append(c.title()).append('\n');
    facts(out, catalog, c, "");
    out.append('\n');
    out.append("What it means\n");
    wrap(out, c.description(), "  ", "  ");
    wrap(out, "For the call: " + c.outcome(), "  ", "  ");
    if (c.hasInDialog()) {
      wrap(out, "In a dialog: " + c.inDialog(), "  ", "  ");
    }
    out.append('\n');
    section(out, "When you see it", c.whenSeen());
    section(out, "How to fix", c.howToFix());
    checks(out, c.triage());
    section(out, "If you sent it", c.triage().ifYouSent());
    section(out, "If you received it", c.triage().ifYouReceived());
    inPractice(out, c.inPractice());
    out.append("Live rate\n");
    wrap(
        out,
        "A running exporter shows the rate of this code by method, from its own counters, at"
            + " /codes/"
            + c.code()
            + " on its web address.",
        "  ",
        "  ");
    return out.toString();
  }

  /** The key differences of two codes, then what each means and when each applies. */
  public static String compare(ResponseCodeCatalog catalog, CodeComparison cmp) {
    StringBuilder out = new StringBuilder();
    out.append(cmp.first().title()).append("  vs  ").append(cmp.second().title()).append("\n\n");
    out.append("Key differences\n");
    for (String d : cmp.differences()) {
      wrap(out, d, "  - ", "    ");
    }
    for (ResponseCode c : List.of(cmp.first(), cmp.second())) {
      out.append('\n').append(c.title()).append('\n');
      facts(out, catalog, c, "  ");
      wrap(out, "What it means: " + c.description(), "  ", "  ");
      wrap(out, "When it applies: " + c.whenSeen(), "  ", "  ");
      wrap(out, "How to fix: " + c.howToFix(), "  ", "  ");
    }
    out.append("\nWhen each is used\n");
    for (ResponseCode c : List.of(cmp.first(), cmp.second())) {
      out.append("  ").append(c.title()).append('\n');
      for (String situation : c.triage().usedWhen()) {
        wrap(out, situation, "    - ", "      ");
      }
    }
    return out.toString();
  }

  /** The numbered checks, each command on its own lines, unwrapped so it can be copied. */
  private static void checks(StringBuilder out, Triage triage) {
    out.append("What to check\n");
    int n = 1;
    for (Check check : triage.checks()) {
      String number = "  " + n++ + ". ";
      wrap(out, check.step(), number, " ".repeat(number.length()));
      for (String line : check.command().lines().toList()) {
        out.append(" ".repeat(number.length() + 2)).append(line).append('\n');
      }
    }
    out.append('\n');
  }

  /** Who may have generated it, with the exporter's evidence, then the platform notes. */
  private static void inPractice(StringBuilder out, InPractice p) {
    p.origin()
        .ifPresent(
            o -> {
              section(out, "Received or generated?", o.howToTell());
              out.append("  This exporter's evidence:\n");
              for (Evidence e : o.evidence()) {
                out.append("    ").append(e.query()).append('\n');
                wrap(out, e.shows(), "      ", "      ");
              }
              out.append('\n');
            });
    if (!p.platforms().isEmpty()) {
      out.append("On common platforms\n");
      for (PlatformNote n : p.platforms()) {
        wrap(out, n.platform().displayName() + ": " + n.note(), "  - ", "    ");
      }
      out.append('\n');
    }
  }

  private static void facts(
      StringBuilder out, ResponseCodeCatalog catalog, ResponseCode c, String indent) {
    fact(out, indent, "Class:", c.codeClass().label() + " " + c.codeClass().displayName());
    fact(out, indent, "Severity:", c.severity().label());
    if (!c.alertSeverityWhy().isEmpty()) {
      fact(out, indent, "Alerting:", c.alertSeverity().label() + " (" + c.alertSeverityWhy() + ")");
    }
    if (c.registered()) {
      fact(out, indent, "Defined in:", c.rfc());
      if (!c.aliases().isEmpty()) {
        fact(out, indent, "Also sent as:", String.join(", ", c.aliases()));
      }
      fact(
          out,
          indent,
          "Related:",
          c.related().stream()
              .map(r -> catalog.lookup(r).title())
              .collect(Collectors.joining(", ")));
      if (c.inPractice().hasIsupCause()) {
        fact(out, indent, "PSTN (ISUP):", isupLine(c.inPractice()));
      }
    } else {
      fact(
          out,
          indent,
          "Registry:",
          "not registered; handled as "
              + catalog.lookup(c.related().get(0)).title()
              + " (RFC 3261 8.1.3.2)");
    }
  }

  /** What a PSTN gateway does on receiving the code, for every format. */
  static String isupLine(InPractice p) {
    return "a gateway releases the call with Q.850 cause "
        + p.isupCause()
        + " ("
        + InPractice.ISUP_MAPPING
        + ")";
  }

  private static void fact(StringBuilder out, String indent, String label, String value) {
    String pad = " ".repeat(LABEL - label.length());
    wrap(out, value, indent + label + pad, indent + " ".repeat(LABEL));
  }

  private static void section(StringBuilder out, String heading, String body) {
    out.append(heading).append('\n');
    wrap(out, body, "  ", "  ");
    out.append('\n');
  }

  /**
   * Appends {@code text} word-wrapped, the first line after {@code first}, the rest after {@code
   * rest}.
   */
  static void wrap(StringBuilder out, String text, String first, String rest) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(first);
    int empty = first.length();
    for (String word : text.split("\\s+")) {
      if (line.length() > empty && line.length() + 1 + word.length() > WIDTH) {
        lines.add(line.toString());
        line = new StringBuilder(rest);
        empty = rest.length();
      }
      if (line.length() > empty) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    for (String l : lines) {
      out.append(l).append('\n');
    }
  }
}
