package io.sipexporter.cli;

import io.sipexporter.catalog.ResponseCode;
import io.sipexporter.catalog.ResponseCodeCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sip-exporter explain 437}: what a response code means, when you see it and how to fix it.
 * Exit code 0, or 2 with one line on stderr for a code that is not a number in 100-699.
 */
@Command(
    name = "explain",
    description = "Explain a SIP response code: class, meaning, when you see it, how to fix it.")
public final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Parameters(index = "0", paramLabel = "CODE", description = "A response code, 100-699.")
  String code;

  @Option(
      names = "--format",
      defaultValue = "text",
      converter = OutputFormat.Converter.class,
      completionCandidates = OutputFormat.Names.class,
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  private final ResponseCodeCatalog catalog;

  /** Uses the bundled catalogue. */
  public ExplainCommand() {
    this(ResponseCodeCatalog.load());
  }

  /** Uses {@code catalog}, e.g. one already loaded by the caller. */
  public ExplainCommand(ResponseCodeCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Integer call() {
    int parsed;
    try {
      parsed = ResponseCodeCatalog.parseCode(code);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("explain: " + e.getMessage());
      return 2;
    }
    ResponseCode c = catalog.lookup(parsed);
    spec.commandLine().getOut().print(format.explain(catalog, c));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
