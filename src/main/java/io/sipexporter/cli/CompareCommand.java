package io.sipexporter.cli;

import io.sipexporter.catalog.ResponseCodeCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sip-exporter compare 200 437}: the key differences of two response codes, then what each
 * means and when each applies. Exit code 0, or 2 with one line on stderr for a bad code.
 */
@Command(
    name = "compare",
    description =
        "Compare two SIP response codes: classes, what each means for the call, when"
            + " each applies.")
public final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Parameters(index = "0", paramLabel = "CODE1", description = "The first response code.")
  String first;

  @Parameters(index = "1", paramLabel = "CODE2", description = "The second response code.")
  String second;

  @Option(
      names = "--format",
      defaultValue = "text",
      converter = OutputFormat.Converter.class,
      completionCandidates = OutputFormat.Names.class,
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  private final ResponseCodeCatalog catalog;

  /** Uses the bundled catalogue. */
  public CompareCommand() {
    this(ResponseCodeCatalog.load());
  }

  /** Uses {@code catalog}, e.g. one already loaded by the caller. */
  public CompareCommand(ResponseCodeCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Integer call() {
    int a;
    int b;
    try {
      a = ResponseCodeCatalog.parseCode(first);
      b = ResponseCodeCatalog.parseCode(second);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("compare: " + e.getMessage());
      return 2;
    }
    spec.commandLine().getOut().print(format.compare(catalog, catalog.compare(a, b)));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
