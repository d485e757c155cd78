package io.sipexporter.cli;

import io.sipexporter.catalog.ResponseCodeCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sip-exporter compare 200 437}: two codes side by side, with the key differences for the
 * call. Exit code 0, or 2 with one line on stderr when either code is not a number in 100-699.
 */
@Command(
    name = "compare",
    description =
        "Compare two SIP response codes: classes, what each means for the call, when"
            + " each applies.")
public final class CompareCommand extends CatalogCommand {
  @Parameters(index = "0", paramLabel = "CODE1", description = "The first response code.")
  String first;

  @Parameters(index = "1", paramLabel = "CODE2", description = "The second response code.")
  String second;

  /** Uses the bundled catalogue. */
  public CompareCommand() {
    this(ResponseCodeCatalog.load());
  }

  /** Uses {@code catalog}, e.g. one already loaded by the caller. */
  public CompareCommand(ResponseCodeCatalog catalog) {
    super(catalog);
  }

  @Override
  String render() {
    int a = ResponseCodeCatalog.parseCode(first);
    int b = ResponseCodeCatalog.parseCode(second);
    return format.compare(catalog, catalog.compare(a, b));
  }
}
