package io.sipexporter.peers;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a {@code --peers.file}: the far ends the exporter names in its {@code peer} label, each
 * with the addresses it sends from and is sent to. Every error names the file and the line.
 *
 * <pre>{@code
 * peers:
 *   - name: carrier-a
 *     addresses: [192.0.2.0/24, "2001:db8:a::/48"]
 *   - name: pbx-1
 *     addresses: [198.51.100.7]
 * }</pre>
 */
public final class PeersFile {
  /**
   * A peer's name: it becomes a label value, read on dashboards and in alerts, so letters, digits,
   * and {@code . _ -}, starting with a letter or digit, at most 64 characters.
   */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** Label values the exporter itself uses: no peer may be called so. */
  static final List<String> RESERVED = List.of("other");

  private static final YAMLFactory YAML = new YAMLFactory();

  private PeersFile() {}

  /** Reads and checks {@code file}; an IllegalArgumentException names the file and the line. */
  public static PeerTable load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Reads the YAML {@code text}; an IllegalArgumentException names the line. */
  public static PeerTable parse(String text) {
    try (JsonParser p = YAML.createParser(text)) {
      List<PeerTable.Peer> peers = new ArrayList<>();
      Map<String, Integer> seen = new HashMap<>();
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new IllegalArgumentException("line 1: empty; expected 'peers:' with a list of peers");
      }
      expect(p, t == JsonToken.START_OBJECT, "expected 'peers:' at the top");
      boolean found = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        expect(p, key.equals("peers"), "unknown key '" + key + "' (known: peers)");
        found = true;
        t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
          continue;
        }
        expect(p, t == JsonToken.START_ARRAY, "'peers' must be a list of peers");
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          expect(
              p,
              t == JsonToken.START_OBJECT,
              "each peer must be a mapping with name and addresses");
          int at = line(p);
          PeerTable.Peer peer = peer(p);
          Integer first = seen.putIfAbsent(peer.name(), at);
          if (first != null) {
            throw new IllegalArgumentException(
                "line "
                    + at
                    + ": peer '"
                    + peer.name()
                    + "' is named twice (first on line "
                    + first
                    + ")");
          }
          peers.add(peer);
        }
      }
      expect(p, found, "expected 'peers:' at the top");
      try {
        return PeerTable.of(peers);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "line "
              + e.getLocation().getLineNr()
              + ": not valid YAML: "
              + e.getOriginalMessage().lines().findFirst().orElse(""),
          e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read: " + e.getMessage(), e);
    }
  }

  private static PeerTable.Peer peer(JsonParser p) throws IOException {
    int at = line(p);
    String name = null;
    List<Cidr> ranges = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken t = p.nextToken();
      switch (key) {
        case "name" -> {
          expect(p, t.isScalarValue(), "a peer's name must be text");
          name = p.getText().strip();
          expect(
              p,
              NAME.matcher(name).matches(),
              "peer name '" + name + "': use letters, digits, '.', '_' and '-', at most 64");
          expect(p, !RESERVED.contains(name), "peer name '" + name + "' is reserved");
        }
        case "addresses" -> {
          expect(p, t == JsonToken.START_ARRAY, "'addresses' must be a list, e.g. [192.0.2.0/24]");
          ranges = new ArrayList<>();
          while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(p, t.isScalarValue(), "each address must be text, e.g. 192.0.2.0/24");
            try {
              ranges.add(Cidr.parse(p.getText()));
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("line " + line(p) + ": " + e.getMessage(), e);
            }
          }
        }
        default -> throw error(p, "unknown key '" + key + "' in a peer (known: name, addresses)");
      }
    }
    if (name == null) {
      throw new IllegalArgumentException("line " + at + ": a peer without a name");
    }
    if (ranges == null || ranges.isEmpty()) {
      throw new IllegalArgumentException("line " + at + ": peer '" + name + "' has no addresses");
    }
    return new PeerTable.Peer(name, ranges);
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  private static void expect(JsonParser p, boolean ok, String problem) {
    if (!ok) {
      throw error(p, problem);
    }
  }

  private static IllegalArgumentException error(JsonParser p, String problem) {
    return new IllegalArgumentException("line " + line(p) + ": " + problem);
  }
}
