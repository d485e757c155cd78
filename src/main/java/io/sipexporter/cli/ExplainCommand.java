package io.sipexporter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipexporter.catalog.Q850Catalog;
import io.sipexporter.catalog.Q850Cause;
import io.sipexporter.catalog.Q850Text;
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
 * "Temporarily not available"} is 480). {@code explain q850:16} (or {@code Q.850:16}) explains an
 * ITU-T Q.850 cause as a Reason header carries it. Exit code 0, or 2 with one line on stderr for a
 * number outside 100-699 (1-127 for a cause) or text that is no code's phrase.
 */
@Command(
    name = "explain",
    description =
        "Explain a SIP response code: class, meaning, when you see it, how to fix it; or a Q.850"
            + " cause (q850:N).")
public final class ExplainCommand extends CatalogCommand {
  @Parameters(
      index = "0",
      paramLabel = "CODE",
      description =
          "A response code, 100-699, or its reason phrase, current or older, in quotes (e.g."
              + " \"Temporarily not available\" for 480), or a Q.850 cause as q850:N (e.g."
              + " q850:16).")
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
    if (Q850Catalog.isCauseArgument(code)) {
      return cause();
    }
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

  /** RFC 3326 Reason causes: {@code q850:N}, in the same three formats as a code. */
  private String cause() {
    if (exporter != null) {
      throw new IllegalArgumentException("--exporter shows the live rate of response codes only");
    }
    Q850Cause c = Q850Catalog.load().explain(Q850Catalog.parseCause(code));
    return switch (format) {
      case TEXT -> Q850Text.text(catalog, c);
      case MARKDOWN -> Q850Text.markdown(catalog, c);
      case JSON -> Q850Text.json(catalog, c);
    };
  }
}
