package io.sipexporter.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A YAML file with the same keys as the flags ({@code sip: {listen-address: ":5060"}} or {@code
 * sip.listen-address: ":5060"}), flattened to {@code sip.listen-address -> ":5060"}. Unknown keys,
 * keys set twice and non-scalar values are errors that name the key.
 */
public final class ConfigFile {
  private static final YAMLFactory YAML = new YAMLFactory();
  private final Path path;
  private final Map<String, String> values;

  private ConfigFile(Path path, Map<String, String> values) {
    this.path = path;
    this.values = values;
  }

  /**
   * Reads and checks the file against the keys the command knows. A key given twice, also once
   * dotted and once nested ({@code web.listen-address:} and {@code web: {listen-address:}}), is an
   * error naming the key and both lines: YAML parsers silently keep the last.
   */
  public static ConfigFile read(Path path, Set<String> knownKeys) {
    Map<String, String> values = new LinkedHashMap<>();
    try (JsonParser parser = YAML.createParser(path.toFile())) {
      JsonToken top = parser.nextToken();
      if (top != null && top != JsonToken.VALUE_NULL) {
        if (top != JsonToken.START_OBJECT) {
          throw new IllegalArgumentException(
              path + ": expected a mapping of keys to values at the top");
        }
        flatten(path, parser, "", values, new HashMap<>());
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(path + ": cannot read: " + firstLine(e.getMessage()));
    }
    for (String key : values.keySet()) {
      if (!knownKeys.contains(key)) {
        throw new IllegalArgumentException(
            path + ": unknown key '" + key + "' (known: " + String.join(", ", knownKeys) + ")");
      }
    }
    return new ConfigFile(path, values);
  }

  /** Reads one mapping, the parser on its START_OBJECT, into dotted keys and their lines. */
  private static void flatten(
      Path path,
      JsonParser parser,
      String prefix,
      Map<String, String> out,
      Map<String, Integer> lines)
      throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = prefix.isEmpty() ? parser.currentName() : prefix + "." + parser.currentName();
      int line = parser.currentTokenLocation().getLineNr();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.START_OBJECT) {
        flatten(path, parser, key, out, lines);
      } else if (value != null && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
        Integer first = lines.putIfAbsent(key, line);
        if (first != null) {
          throw new IllegalArgumentException(
              path
                  + ": line "
                  + line
                  + ": duplicate key '"
                  + key
                  + "' (first set at line "
                  + first
                  + ")");
        }
        out.put(key, parser.getText());
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
