package io.sipexporter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Adds the live rate to a code's JSON ({@code /api/v1/codes/{code}}), so {@code sip-exporter
 * explain --exporter URL} can print it: {@code "live": {"windowSeconds": 15, "hasRate": true,
 * "methods": [{"method": "INVITE", "total": 37, "perSecond": 2.0}]}}, {@code perSecond} null until
 * two snapshots exist.
 */
final class LiveJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private LiveJson() {}

  static String withLive(String codeJson, CodeRates.Live live) {
    try {
      ObjectNode root = (ObjectNode) MAPPER.readTree(codeJson);
      ObjectNode node = root.putObject("live");
      node.put("windowSeconds", live.window().toMillis() / 1000.0).put("hasRate", live.hasRate());
      ArrayNode methods = node.putArray("methods");
      for (CodeRates.MethodRate r : live.rows()) {
        ObjectNode m = methods.addObject().put("method", r.method());
        if (live.byPeer()) {
          m.put("peer", r.peer()).put("direction", r.direction());
        }
        m.put("total", r.total());
        if (Double.isNaN(r.perSecond())) {
          m.putNull("perSecond");
        } else {
          m.put("perSecond", r.perSecond());
        }
      }
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot extend a code's JSON", e);
    }
  }
}
