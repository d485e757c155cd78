package io.sipexporter.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One reading of a {@code --web.config.file}: the files read so far (the config and the PEM files
 * it names) with a fingerprint of their bytes, and errors that name the config file and the key.
 */
final class WebConfigSource {
  final Path file;
  private final List<Path> watched = new ArrayList<>();
  private final MessageDigest sha = sha256();

  WebConfigSource(Path file) {
    this.file = file;
  }

  /** Reads one file, adding it to the watched ones and the fingerprint. */
  byte[] read(Path path) throws IOException {
    watched.add(path);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      add(sha, path, null);
      throw e;
    }
    add(sha, path, bytes);
    return bytes;
  }

  /** The path a config value names: relative paths resolve against the config file's directory. */
  Path resolve(String value) {
    Path dir = file.toAbsolutePath().getParent();
    return dir == null ? Path.of(value) : dir.resolve(value);
  }

  /** The most recent file {@link #read} was asked for. */
  Path lastRead() {
    return watched.get(watched.size() - 1);
  }

  WebConfig config(WebTls tls, Map<String, String> users) {
    return new WebConfig(file, tls, users, watched, sha.digest());
  }

  IllegalArgumentException error(String key, String problem) {
    return new IllegalArgumentException(file + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
  }

  /** The section's keys and their single values, in file order. */
  Map<String, String> scalars(String section, JsonNode node) {
    if (!node.isObject()) {
      throw error(section, "expected a mapping of keys to values");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw error(section + "." + e.getKey(), "needs a single value");
      }
      values.put(e.getKey(), e.getValue().asText());
    }
    return values;
  }

  /**
   * A hash of what every file in {@code files} holds now: differing from a config's, it changed.
   */
  static byte[] fingerprint(List<Path> files) {
    MessageDigest sha = sha256();
    for (Path f : files) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(f);
      } catch (IOException e) {
        bytes = null; // unreadable now: the hash changes, and the reload names the error
      }
      add(sha, f, bytes);
    }
    return sha.digest();
  }

  static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static void add(MessageDigest sha, Path file, byte[] bytes) {
    sha.update(file.toString().getBytes(StandardCharsets.UTF_8));
    sha.update((byte) (bytes == null ? 0 : 1));
    if (bytes != null) {
      sha.update(bytes);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
