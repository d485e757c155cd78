package io.sipexporter.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Q.850 cause explained as plain text (78 columns, as {@link CodeText} explains a code), Markdown
 * or JSON: the three formats of {@code sip-exporter explain q850:N}.
 */
public final class Q850Text {
  private static final int LABEL = 14;
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Q850Text() {}

  /** Everything the catalogue says about one cause, for a terminal. */
  public static String text(ResponseCodeCatalog codes, Q850Cause c) {
    StringBuilder out = new StringBuilder();
    out.append(c.title()).append('\n');
    fact(out, "Class:", c.rangeClass() + " (" + Q850Catalog.rangeBounds(c.cause()) + ")");
    fact(out, "In SIP:", sip(codes, c));
    if (!c.freeswitch().isEmpty()) {
      fact(out, "FreeSWITCH:", c.freeswitch() + " (Asterisk: the same number)");
    }
    out.append('\n').append("What it means\n");
    CodeText.wrap(out, c.meaning(), "  ", "  ");
    out.append('\n').append("What to check\n");
    CodeText.wrap(out, c.check(), "  ", "  ");
    out.append('\n').append("Counted as\n");
    CodeText.wrap(out, counted(c), "  ", "  ");
    return out.toString();
  }

  /** The same as Markdown, headed by the title. */
  public static String markdown(ResponseCodeCatalog codes, Q850Cause c) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(c.title()).append("\n\n");
    out.append("- **Class:** ")
        .append(c.rangeClass())
        .append(" (")
        .append(Q850Catalog.rangeBounds(c.cause()))
        .append(")\n");
    out.append("- **In SIP:** ").append(sip(codes, c)).append('\n');
    if (!c.freeswitch().isEmpty()) {
      out.append("- **FreeSWITCH:** `").append(c.freeswitch()).append("`\n");
    }
    out.append("\n## What it means\n\n").append(c.meaning()).append('\n');
    out.append("\n## What to check\n\n").append(c.check()).append('\n');
    out.append("\n## Counted as\n\n").append(counted(c)).append('\n');
    return out.toString();
  }

  /** The same as one JSON object. */
  public static String json(ResponseCodeCatalog codes, Q850Cause c) {
    ObjectNode n = MAPPER.createObjectNode().put("protocol", "Q.850").put("cause", c.cause());
    n.put("name", c.name()).put("assigned", c.assigned());
    n.put("class", c.rangeClass()).put("range", Q850Catalog.rangeBounds(c.cause()));
    n.put("meaning", c.meaning()).put("check", c.check());
    ObjectNode sip = n.putObject("sip");
    if (c.hasSipResponse()) {
      sip.put("code", c.sipResponse()).put("reason", codes.lookup(c.sipResponse()).reason());
    } else {
      sip.putNull("code").putNull("reason");
    }
    sip.put("rfc3398Default", c.sipDefault());
    if (!c.sipNote().isEmpty()) {
      sip.put("note", c.sipNote());
    }
    if (!c.freeswitch().isEmpty()) {
      n.put("freeswitch", c.freeswitch());
    }
    try {
      return MAPPER.writeValueAsString(n) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** The RFC 3398 8.2.6.1 mapping in words, with the RFC's note where it has one. */
  public static String sip(ResponseCodeCatalog codes, Q850Cause c) {
    String mapped =
        !c.hasSipResponse()
            ? "no SIP response"
            : codes.lookup(c.sipResponse()).title()
                + (c.sipDefault()
                    ? " (RFC 3398 8.2.6.1's default: its table does not list this cause)"
                    : " (RFC 3398 8.2.6.1)");
    return c.sipNote().isEmpty() ? mapped : mapped + ". " + c.sipNote();
  }

  private static String counted(Q850Cause c) {
    return "sip_reason_causes_total{protocol=\"Q.850\",cause=\""
        + c.cause()
        + "\"}, by the method of the BYE, CANCEL or response that carried it.";
  }

  private static void fact(StringBuilder out, String label, String value) {
    String pad = " ".repeat(LABEL - label.length());
    CodeText.wrap(out, value, label + pad, " ".repeat(LABEL));
  }
}
