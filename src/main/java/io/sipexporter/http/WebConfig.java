package io.sipexporter.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code --web.config.file} of the Prometheus exporter-toolkit: TLS for the web server and
 * bcrypt-hashed basic-auth users. Every error names the file and the key.
 *
 * <pre>{@code
 * tls_server_config:
 *   cert_file: server.crt           # relative paths resolve against this file's directory
 *   key_file: server.key
 *   client_auth_type: RequireAndVerifyClientCert
 *   client_ca_file: ca.crt
 *   min_version: TLS12
 * basic_auth_users:
 *   prometheus: $2y$10$...          # htpasswd -nBC 10 "" | tr -d ':\n'
 * }</pre>
 *
 * @param file the file read
 * @param tls the TLS settings, or null to serve plain HTTP
 * @param users user name to bcrypt hash; empty for no authentication
 * @param watched every file this config was read from, for {@link WebConfigWatcher}
 * @param fingerprint a hash of the bytes read from them, as {@link #fingerprint(List)} computes it
 */
public record WebConfig(
    Path file, WebTls tls, Map<String, String> users, List<Path> watched, byte[] fingerprint) {
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  public WebConfig {
    users = Map.copyOf(users);
    watched = List.copyOf(watched);
  }

  /** Reads and checks {@code file}; an IllegalArgumentException names the file and the key. */
  public static WebConfig load(Path file) {
    WebConfigSource source = new WebConfigSource(file);
    JsonNode root;
    try {
      root = YAML.readTree(source.read(file));
    } catch (JsonProcessingException e) {
      // a key given twice: YAML parsers keep the last silently, so a second user list or
      // tls_server_config would quietly replace the first
      JsonLocation at = e.getLocation();
      throw new IllegalArgumentException(
          file
              + ": "
              + (at == null ? "" : "line " + at.getLineNr() + ": ")
              + WebConfigSource.firstLine(new IOException(e.getOriginalMessage())));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + WebConfigSource.firstLine(e));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return source.config(null, Map.of());
    }
    if (!root.isObject()) {
      throw source.error("", "expected a mapping of keys at the top");
    }
    WebTls tls = null;
    Map<String, String> users = Map.of();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      switch (e.getKey()) {
        case "tls_server_config" -> tls = TlsServerConfig.read(source, e.getValue());
        case "basic_auth_users" -> users = BasicAuthUsers.read(source, e.getValue());
        case "http_server_config" ->
            throw source.error(
                e.getKey(), "is not supported by sip-exporter (HTTP/1.1 only, no custom headers)");
        default ->
            throw source.error(
                e.getKey(), "unknown key (known: tls_server_config, basic_auth_users)");
      }
    }
    return source.config(tls, users);
  }

  /**
   * A hash of what every file in {@code files} holds now: differing from a config's, it changed.
   */
  public static byte[] fingerprint(List<Path> files) {
    return WebConfigSource.fingerprint(files);
  }
}
