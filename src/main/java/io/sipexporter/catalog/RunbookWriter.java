package io.sipexporter.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generates the runbooks under {@code docs/codes/}: one Markdown page per registered code plus a
 * {@code README.md} index, so alert rules can point {@code runbook_url} at them. The pages are
 * checked in; {@code RunbookFilesTest} fails when they differ from the catalogue.
 *
 * <pre>{@code
 * mvn -B -o -q test -Dtest=RunbookFilesTest -Drunbooks.write=true
 * }</pre>
 */
public final class RunbookWriter {
  /** Where the runbooks live, relative to the project root. */
  public static final Path DIRECTORY = Path.of("docs", "codes");

  private static final String FOOTER =
      "\n---\n\nGenerated from `src/main/resources/catalog/sip-response-codes.yaml` by"
          + " `io.sipexporter.catalog.RunbookWriter`: edit the catalogue, not this page."
          + " [All codes](README.md)\n";

  private RunbookWriter() {}

  /** File name to content for every runbook page, the index included. */
  public static Map<String, String> render(ResponseCodeCatalog catalog) {
    Map<String, String> files = new TreeMap<>();
    files.put("README.md", index(catalog));
    for (ResponseCode c : catalog.registered()) {
      files.put(c.code() + ".md", CodeMarkdown.explain(catalog, c, r -> r + ".md") + FOOTER);
    }
    return files;
  }

  /** Writes every page into {@code dir}, replacing what is there. */
  public static void write(ResponseCodeCatalog catalog, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, String> e : render(catalog).entrySet()) {
      Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
    }
  }

  /** Regenerates the runbooks in {@code args[0]}, by default {@code docs/codes}. */
  public static void main(String[] args) throws IOException {
    Path dir = args.length > 0 ? Path.of(args[0]) : DIRECTORY;
    write(ResponseCodeCatalog.load(), dir);
    System.out.println("wrote runbooks to " + dir.toAbsolutePath());
  }

  private static String index(ResponseCodeCatalog catalog) {
    StringBuilder b = new StringBuilder();
    b.append("# SIP response code runbooks\n\n")
        .append("One page per code of the IANA SIP response-code registry: what it means, when you")
        .append(" see it and how to fix it. Alert rules can point `runbook_url` at a page, e.g.")
        .append(" `docs/codes/503.md`. The exporter serves the same content at `/codes`.\n\n")
        .append("| Code | Reason | Class | Severity |\n|---|---|---|---|\n");
    for (ResponseCode c : catalog.registered()) {
      b.append("| [")
          .append(c.code())
          .append("](")
          .append(c.code())
          .append(".md) | ")
          .append(c.reason())
          .append(" | ")
          .append(c.codeClass().label())
          .append(' ')
          .append(c.codeClass().displayName())
          .append(" | `")
          .append(c.severity().label())
          .append("` |\n");
    }
    b.append("\n## Codes outside the registry\n\n")
        .append("A code in 100-699 that the registry does not hold (409, 411, 490 and 499 are")
        .append(" seen in the wild) gets its class's guidance. RFC 3261 8.1.3.2: a client handles")
        .append(" an unknown final code as the x00 code of its class, and an unknown provisional")
        .append(" code as 183.\n");
    for (CodeClass cc : CodeClass.values()) {
      ClassGuidance g = catalog.guidance(cc);
      b.append("\n### ")
          .append(cc.label())
          .append(' ')
          .append(cc.displayName())
          .append("\n\n")
          .append("Handled as [")
          .append(catalog.lookup(g.treatedAs()).title())
          .append("](")
          .append(g.treatedAs())
          .append(".md); severity `")
          .append(g.severity().label())
          .append("`.\n\n")
          .append(g.description())
          .append(' ')
          .append(g.outcome())
          .append("\n\n**When you see it:** ")
          .append(g.whenSeen())
          .append("\n\n**How to fix:** ")
          .append(g.howToFix())
          .append("\n\n**What to check:**\n\n");
      for (Check check : g.triage().checks()) {
        b.append("- ").append(check.step()).append('\n');
        if (check.hasCommand()) {
          b.append("\n  ```sh\n");
          check.command().lines().forEach(l -> b.append("  ").append(l).append('\n'));
          b.append("  ```\n");
        }
      }
      b.append("\n**If you sent it:** ")
          .append(g.triage().ifYouSent())
          .append("\n\n**If you received it:** ")
          .append(g.triage().ifYouReceived())
          .append('\n');
    }
    return b.toString();
  }
}
