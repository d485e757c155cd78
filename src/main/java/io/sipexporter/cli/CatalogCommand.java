package io.sipexporter.cli;

import io.sipexporter.catalog.ResponseCodeCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code explain} and {@code compare} share: the catalogue, {@code --format}, {@code --help},
 * and turning arguments into codes with a one-line error (exit 2) for anything not in 100-699.
 */
abstract class CatalogCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @picocli.CommandLine.Mixin HelpOption help;

  @Option(
      names = "--format",
      defaultValue = "text",
      converter = OutputFormat.Converter.class,
      completionCandidates = OutputFormat.Names.class,
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  final ResponseCodeCatalog catalog;

  CatalogCommand(ResponseCodeCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Integer call() {
    String output;
    try {
      output = render();
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(spec.name() + ": " + e.getMessage());
      return 2;
    }
    spec.commandLine().getOut().print(output);
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** The page to print; IllegalArgumentException (from parsing a code) becomes the error line. */
  abstract String render();
}
