package io.sipexporter.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.IntToLongFunction;

/**
 * JSON bodies for {@code /api/v1/codes}, {@code /api/v1/codes/{code}} and {@code
 * /api/v1/codes/compare/{a}/{b}}, and for {@code --format json}. One shape everywhere.
 *
 * <pre>{@code
 * String body = CatalogJson.code(catalog, catalog.lookup(437));
 * }</pre>
 */
public final class CatalogJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CatalogJson() {}

  /**
   * All registered codes with the count seen since start, plus unregistered codes that were seen.
   *
   * @param seen the number of responses seen with a code since start (0 if never)
   */
  public static String index(ResponseCodeCatalog catalog, IntToLongFunction seen) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode classes = root.putArray("classes");
    for (CodeClass cc : CodeClass.values()) {
      ClassGuidance g = catalog.guidance(cc);
      classes
          .addObject()
          .put("class", cc.label())
          .put("name", cc.displayName())
          .put("outcome", g.outcome())
          .put("treatedAs", g.treatedAs());
    }
    ArrayNode codes = root.putArray("codes");
    for (int code = 100; code <= 699; code++) {
      long count = seen.applyAsLong(code);
      if (catalog.isRegistered(code) || count > 0) {
        ResponseCode c = catalog.lookup(code);
        ObjectNode n = codes.addObject().put("code", code);
        if (c.registered()) {
          n.put("reason", c.reason());
        } else {
          n.putNull("reason");
        }
        n.put("class", c.codeClass().label())
            .put("severity", c.severity().label())
            .put("registered", c.registered())
            .put("seen", count);
      }
    }
    return write(root);
  }

  /** Everything about one code. */
  public static String code(ResponseCodeCatalog catalog, ResponseCode c) {
    return write(node(catalog, c));
  }

  /** Two codes compared, with the key differences. */
  public static String compare(ResponseCodeCatalog catalog, CodeComparison cmp) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("sameClass", cmp.sameClass());
    ArrayNode diffs = root.putArray("differences");
    cmp.differences().forEach(diffs::add);
    root.set("first", node(catalog, cmp.first()));
    root.set("second", node(catalog, cmp.second()));
    return write(root);
  }

  /** {@code {"error": message}}, for bad input. */
  public static String error(String message) {
    return write(MAPPER.createObjectNode().put("error", message));
  }

  private static ObjectNode node(ResponseCodeCatalog catalog, ResponseCode c) {
    ObjectNode n = MAPPER.createObjectNode().put("code", c.code());
    if (c.registered()) {
      n.put("reason", c.reason()).put("rfc", c.rfc());
    } else {
      n.putNull("reason").putNull("rfc");
    }
    n.put("registered", c.registered());
    ArrayNode aliases = n.putArray("aliases");
    c.aliases().forEach(aliases::add);
    n.put("class", c.codeClass().label()).put("className", c.codeClass().displayName());
    n.put("outcome", c.outcome());
    if (c.hasInDialog()) {
      n.put("inDialog", c.inDialog());
    }
    n.put("severity", c.severity().label());
    n.put("alertSeverity", c.alertSeverity().label());
    if (!c.alertSeverityWhy().isEmpty()) {
      n.put("alertSeverityWhy", c.alertSeverityWhy());
    }
    n.put("description", c.description()).put("when", c.whenSeen()).put("fix", c.howToFix());
    ArrayNode usedWhen = n.putArray("usedWhen");
    c.triage().usedWhen().forEach(usedWhen::add);
    ArrayNode checks = n.putArray("checks");
    for (Check check : c.triage().checks()) {
      ObjectNode step = checks.addObject().put("step", check.step());
      if (check.hasCommand()) {
        step.put("command", check.command());
      }
    }
    n.put("ifYouSent", c.triage().ifYouSent()).put("ifYouReceived", c.triage().ifYouReceived());
    if (!c.registered()) {
      n.put("treatedAs", c.related().get(0));
    }
    inPractice(n, c.inPractice());
    ArrayNode related = n.putArray("related");
    for (int r : c.related()) {
      ResponseCode rc = catalog.lookup(r);
      related.addObject().put("code", r).put("reason", rc.reason());
    }
    return n;
  }

  private static void inPractice(ObjectNode n, InPractice p) {
    p.origin()
        .ifPresent(
            o -> {
              ObjectNode origin = n.putObject("origin").put("howToTell", o.howToTell());
              ArrayNode evidence = origin.putArray("evidence");
              for (Evidence e : o.evidence()) {
                evidence
                    .addObject()
                    .put("metric", e.metric().prometheusName())
                    .put("query", e.query())
                    .put("shows", e.shows());
              }
            });
    ObjectNode platforms = n.putObject("platforms");
    p.platforms().forEach(pn -> platforms.put(pn.platform().key(), pn.note()));
    if (p.hasIsupCause()) {
      n.put("isupCause", p.isupCause());
    } else {
      n.putNull("isupCause");
    }
  }

  private static String write(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }
}
