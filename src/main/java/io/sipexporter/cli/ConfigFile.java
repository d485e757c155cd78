package io.sipexporter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A YAML file with the same keys as the flags ({@code sip: {listen-address: ":5060"}} or {@code
 * sip.listen-address: ":5060"}), flattened to {@code sip.listen-address -> ":5060"}. Unknown keys
 * and non-scalar values are errors that name the key.
 */
public final class ConfigFile {
  private final Path path;
  private final Map<String, String> values;

  private ConfigFile(Path path, Map<String, String> values) {
    this.path = path;
    this.values = values;
  }

  /** Reads and checks the file against the keys the command knows. */
  public static ConfigFile read(Path path, Set<String> knownKeys) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(path + ": cannot read: " + firstLine(e.getMessage()));
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (root != null && !root.isMissingNode() && !root.isNull()) {
      if (!root.isObject()) {
        throw new IllegalArgumentException(
            path + ": expected a mapping of keys to values at the top");
      }
      flatten(path, "", root, values);
    }
    for (String key : values.keySet()) {
      if (!knownKeys.contains(key)) {
        throw new IllegalArgumentException(
            path + ": unknown key '" + key + "' (known: " + String.join(", ", knownKeys) + ")");
      }
    }
    return new ConfigFile(path, values);
  }

  private static void flatten(Path path, String prefix, JsonNode node, Map<String, String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      JsonNode value = e.getValue();
      if (value.isObject()) {
        flatten(path, key, value, out);
      } else if (value.isValueNode() && !value.isNull()) {
        out.put(key, value.asText());
      } else {
        throw new IllegalArgumentException(path + ": key '" + key + "' needs a single value");
      }
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** The file's value for {@code key} (a flag name without the dashes), or null. */
  public String get(String key) {
    return values.get(key);
  }

  public Path path() {
    return path;
  }
}
