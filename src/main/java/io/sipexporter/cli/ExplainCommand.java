package io.sipexporter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipexporter.catalog.ResponseCode;
import io.sipexporter.catalog.ResponseCodeCatalog;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sip-exporter explain 437}: what a response code means, when you see it and how to fix it,
 * what to check, which side to look at, and with {@code --exporter URL} its live rate by method on
 * that exporter. The code may also be named by its reason phrase, current or older ({@code explain
 * "Temporarily not available"} is 480). Exit code 0, or 2 with one line on stderr for a number
 * outside 100-699 or text that is no code's phrase.
 */
@Command(
    name = "explain",
    description = "Explain a SIP response code: class, meaning, when you see it, how to fix it.")
public final class ExplainCommand extends CatalogCommand {
  @Parameters(
      index = "0",
      paramLabel = "CODE",
      description =
          "A response code, 100-699, or its reason phrase, current or older, in quotes (e.g."
              + " \"Temporarily not available\" for 480).")
  String code;

  @Option(
      names = "--exporter",
      paramLabel = "URL",
      description =
          "A running exporter's web address, e.g. http://127.0.0.1:10060: adds the code's live"
              + " rate by method from its counters.")
  String exporter;

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
    ResponseCode rc = catalog.find(code);
    int c = rc.code();
    String page = format.explain(catalog, rc);
    if (exporter == null) {
      return page;
    }
    JsonNode live;
    String problem;
    try {
      live = LiveRates.fetch(exporter, c);
      problem = null;
    } catch (IOException e) {
      live = null;
      problem = e.getMessage();
    }
    if (format != OutputFormat.JSON) {
      return page
          + (live != null
              ? LiveRates.text(exporter, live)
              : "\nLive rate by method: " + problem + "\n");
    }
    try {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = (ObjectNode) mapper.readTree(page);
      if (live != null) {
        root.set("live", live);
      } else {
        root.put("liveError", problem);
      }
      return mapper.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("cannot extend the JSON explanation", e);
    }
  }
}
