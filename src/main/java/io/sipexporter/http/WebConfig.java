package io.sipexporter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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
  // exporter-toolkit keys this exporter does not implement: an error rather than silently ignored
  private static final Set<String> UNSUPPORTED_TLS_KEYS =
      Set.of(
          "cert",
          "key",
          "client_allowed_sans",
          "cipher_suites",
          "curve_preferences",
          "prefer_server_cipher_suites");
  private static final Set<String> TLS_KEYS =
      Set.of(
          "cert_file",
          "key_file",
          "client_auth_type",
          "client_ca_file",
          "min_version",
          "max_version");
  // $2a$/$2b$/$2y$ (and OpenBSD's old $2x$), a two-digit cost, 22 salt and 31 hash characters
  private static final Pattern BCRYPT =
      Pattern.compile("\\$2[abxy]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

  public WebConfig {
    users = Map.copyOf(users);
    watched = List.copyOf(watched);
  }

  /** Reads and checks {@code file}; an IllegalArgumentException names the file and the key. */
  public static WebConfig load(Path file) {
    Reader reader = new Reader(file);
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(reader.read(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + firstLine(e));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return reader.config(null, Map.of());
    }
    if (!root.isObject()) {
      throw reader.error("", "expected a mapping of keys at the top");
    }
    WebTls tls = null;
    Map<String, String> users = Map.of();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      switch (e.getKey()) {
        case "tls_server_config" -> tls = reader.tls(e.getValue());
        case "basic_auth_users" -> users = reader.users(e.getValue());
        case "http_server_config" ->
            throw reader.error(
                e.getKey(), "is not supported by sip-exporter (HTTP/1.1 only, no custom headers)");
        default ->
            throw reader.error(
                e.getKey(), "unknown key (known: tls_server_config, basic_auth_users)");
      }
    }
    return reader.config(tls, users);
  }

  /**
   * A hash of what every file in {@code files} holds now: differing from a config's, it changed.
   */
  public static byte[] fingerprint(List<Path> files) {
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

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** Walks the YAML tree, remembering each file it reads. */
  private static final class Reader {
    private final Path file;
    private final List<Path> watched = new ArrayList<>();
    private final MessageDigest sha = sha256();

    Reader(Path file) {
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

    WebConfig config(WebTls tls, Map<String, String> users) {
      return new WebConfig(file, tls, users, watched, sha.digest());
    }

    IllegalArgumentException error(String key, String problem) {
      return new IllegalArgumentException(
          file + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
    }

    WebTls tls(JsonNode node) {
      if (node.isNull()) {
        return null;
      }
      Map<String, String> values = scalars("tls_server_config", node);
      for (String key : values.keySet()) {
        String name = "tls_server_config." + key;
        if (UNSUPPORTED_TLS_KEYS.contains(key)) {
          throw error(
              name,
              "is not supported by sip-exporter (supported: "
                  + String.join(", ", sorted(TLS_KEYS))
                  + ")");
        }
        if (!TLS_KEYS.contains(key)) {
          throw error(name, "unknown key (known: " + String.join(", ", sorted(TLS_KEYS)) + ")");
        }
      }
      if (values.isEmpty()) {
        return null; // as exporter-toolkit: an empty TLS section serves plain HTTP
      }
      String cert = require(values, "cert_file");
      String key = require(values, "key_file");
      WebTls.ClientAuth clientAuth =
          clientAuth(values.getOrDefault("client_auth_type", "NoClientCert"));
      String ca = values.get("client_ca_file");
      if (clientAuth == WebTls.ClientAuth.NO_CLIENT_CERT && ca != null) {
        throw error(
            "tls_server_config.client_ca_file",
            "set, but client_auth_type is NoClientCert: set client_auth_type to RequireAndVerifyClientCert or VerifyClientCertIfGiven");
      }
      if (clientAuth != WebTls.ClientAuth.NO_CLIENT_CERT && ca == null) {
        throw error(
            "tls_server_config.client_ca_file",
            "required when client_auth_type is " + values.get("client_auth_type"));
      }
      WebTls.Version min = version("min_version", values.getOrDefault("min_version", "TLS12"));
      WebTls.Version max = version("max_version", values.getOrDefault("max_version", "TLS13"));
      if (min.compareTo(max) > 0) {
        throw error(
            "tls_server_config.max_version", max.name() + " is below min_version " + min.name());
      }
      byte[] certPem = certificates("tls_server_config.cert_file", cert);
      byte[] keyPem = pem("tls_server_config.key_file", key, "PRIVATE KEY");
      String mismatch = WebTls.keyProblem(certPem, keyPem);
      if (mismatch != null) {
        throw error("tls_server_config.key_file", mismatch);
      }
      return new WebTls(
          certPem,
          keyPem,
          clientAuth,
          ca == null ? null : certificates("tls_server_config.client_ca_file", ca),
          min,
          max);
    }

    Map<String, String> users(JsonNode node) {
      Map<String, String> users = scalars("basic_auth_users", node);
      for (Map.Entry<String, String> user : users.entrySet()) {
        String name = "basic_auth_users." + user.getKey();
        if (user.getKey().isEmpty() || user.getKey().indexOf(':') >= 0) {
          throw error(name, "a user name must be non-empty and hold no ':' (RFC 7617 2)");
        }
        if (!BCRYPT.matcher(user.getValue()).matches()) {
          throw error(
              name,
              "not a bcrypt hash ($2a$, $2b$ or $2y$, cost 04-31, 60 characters); make one with htpasswd -nBC 10 \"\" | tr -d ':\\n'");
        }
      }
      return users;
    }

    private Map<String, String> scalars(String section, JsonNode node) {
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

    private String require(Map<String, String> values, String key) {
      String value = values.get(key);
      if (value == null || value.isBlank()) {
        throw error("tls_server_config." + key, "required when tls_server_config is set");
      }
      return value;
    }

    private WebTls.ClientAuth clientAuth(String value) {
      return switch (value) {
        case "NoClientCert" -> WebTls.ClientAuth.NO_CLIENT_CERT;
        case "VerifyClientCertIfGiven" -> WebTls.ClientAuth.VERIFY_IF_GIVEN;
        case "RequireAndVerifyClientCert" -> WebTls.ClientAuth.REQUIRE_AND_VERIFY;
        case "RequestClientCert", "RequireAnyClientCert" ->
            throw error(
                "tls_server_config.client_auth_type",
                value
                    + " (an unverified client certificate) is not supported: use RequireAndVerifyClientCert or VerifyClientCertIfGiven with a client_ca_file");
        default ->
            throw error(
                "tls_server_config.client_auth_type",
                "must be NoClientCert, VerifyClientCertIfGiven or RequireAndVerifyClientCert, not '"
                    + value
                    + "'");
      };
    }

    private WebTls.Version version(String key, String value) {
      try {
        return WebTls.Version.valueOf(value);
      } catch (IllegalArgumentException e) {
        String why =
            value.equals("TLS10") || value.equals("TLS11")
                ? " (the JDK disables TLS 1.0 and 1.1)"
                : "";
        throw error(
            "tls_server_config." + key, "must be TLS12 or TLS13, not '" + value + "'" + why);
      }
    }

    /** The PEM file's bytes; relative paths resolve against the config file's directory. */
    private byte[] pem(String key, String value, String kind) {
      Path dir = file.toAbsolutePath().getParent();
      Path path = dir == null ? Path.of(value) : dir.resolve(value);
      byte[] bytes;
      try {
        bytes = read(path);
      } catch (IOException e) {
        throw error(key, "cannot read " + path + ": " + firstLine(e));
      }
      String text = new String(bytes, StandardCharsets.US_ASCII);
      if (!text.contains("-----BEGIN ") || !text.contains(kind + "-----")) {
        throw error(key, path + " holds no PEM " + kind);
      }
      return bytes;
    }

    /** A PEM file of X.509 certificates, each checked by the JDK's parser. */
    private byte[] certificates(String key, String value) {
      byte[] bytes = pem(key, value, "CERTIFICATE");
      try {
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(bytes));
      } catch (CertificateException e) {
        throw error(
            key,
            watched.get(watched.size() - 1)
                + " holds a certificate the JDK cannot read: "
                + firstLine(e));
      }
      return bytes;
    }

    private static List<String> sorted(Set<String> keys) {
      return keys.stream().sorted().toList();
    }
  }
}
