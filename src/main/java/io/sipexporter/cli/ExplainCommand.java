package io.sipexporter.cli;

import io.sipexporter.catalog.ResponseCodeCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sip-exporter explain 437}: what a response code means, when you see it and how to fix it.
 * Exit code 0, or 2 with one line on stderr for a code that is not a number in 100-699.
 */
@Command(
    name = "explain",
    description = "Explain a SIP response code: class, meaning, when you see it, how to fix it.")
public final class ExplainCommand extends CatalogCommand {
  @Parameters(index = "0", paramLabel = "CODE", description = "A response code, 100-699.")
  String code;

  /** Uses the bundled catalogue. */
  public ExplainCommand() {
    this(ResponseCodeCatalog.load());
  }

  /** Uses {@code catalog}, e.g. one already loaded by the caller. */
  public ExplainCommand(ResponseCodeCatalog catalog) {
    super(catalog);
  }

  @Override
  String render() {
    return format.explain(catalog, catalog.lookup(ResponseCodeCatalog.parseCode(code)));
  }
}
