package io.sipexporter.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code tls_server_config} section of a web config, as exporter-toolkit names its keys: the
 * certificate and key, client certificates, TLS versions. Every PEM file is read and checked here,
 * so a bad file fails at start-up or reload, not at the first handshake.
 */
final class TlsServerConfig {
  private static final Logger LOG = LoggerFactory.getLogger(TlsServerConfig.class);
  private static final String SECTION = "tls_server_config";
  // exporter-toolkit keys this exporter does not implement: an error rather than silently ignored
  private static final Set<String> UNSUPPORTED_KEYS =
      Set.of(
          "cert",
          "key",
          "client_allowed_sans",
          "cipher_suites",
          "curve_preferences",
          "prefer_server_cipher_suites");
  private static final Set<String> KEYS =
      Set.of(
          "cert_file",
          "key_file",
          "client_auth_type",
          "client_ca_file",
          "min_version",
          "max_version");

  private final WebConfigSource source;

  private TlsServerConfig(WebConfigSource source) {
    this.source = source;
  }

  /** The TLS settings, or null to serve plain HTTP (no section, or an empty one). */
  static WebTls read(WebConfigSource source, JsonNode node) {
    return node.isNull() ? null : new TlsServerConfig(source).tls(node);
  }

  private WebTls tls(JsonNode node) {
    Map<String, String> values = source.scalars(SECTION, node);
    for (String key : values.keySet()) {
      if (UNSUPPORTED_KEYS.contains(key)) {
        throw error(key, "is not supported by sip-exporter (supported: " + known() + ")");
      }
      if (!KEYS.contains(key)) {
        throw error(key, "unknown key (known: " + known() + ")");
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
          "client_ca_file",
          "set, but client_auth_type is NoClientCert: set client_auth_type to RequireAndVerifyClientCert or VerifyClientCertIfGiven");
    }
    if (clientAuth != WebTls.ClientAuth.NO_CLIENT_CERT && ca == null) {
      throw error(
          "client_ca_file", "required when client_auth_type is " + values.get("client_auth_type"));
    }
    WebTls.Version min = version("min_version", values.getOrDefault("min_version", "TLS12"));
    WebTls.Version max = version("max_version", values.getOrDefault("max_version", "TLS13"));
    if (min.compareTo(max) > 0) {
      throw error("max_version", max.name() + " is below min_version " + min.name());
    }
    byte[] certPem = certificates("cert_file", cert);
    Path certPath = source.lastRead();
    Instant notAfter = notAfter(certPem);
    byte[] keyPem = pem("key_file", key, "PRIVATE KEY");
    String mismatch = WebTls.keyProblem(certPem, keyPem);
    if (mismatch != null) {
      throw error("key_file", mismatch);
    }
    return new WebTls(
        certPem,
        keyPem,
        clientAuth,
        ca == null ? null : certificates("client_ca_file", ca),
        min,
        max,
        warnIfExpired(certPath, notAfter));
  }

  /** The server certificate's notAfter: the first certificate in the chain is the server's. */
  private static Instant notAfter(byte[] pem) {
    try {
      X509Certificate first =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(pem));
      return first.getNotAfter().toInstant();
    } catch (CertificateException e) {
      throw new IllegalStateException("checked by certificates()", e);
    }
  }

  // served anyway (a verifying client refuses it, one with insecure_skip_verify does not), but loud
  private Instant warnIfExpired(Path cert, Instant notAfter) {
    if (notAfter.isBefore(Instant.now())) {
      LOG.warn(
          "{}: {}.cert_file {} expired on {}: clients that verify it will refuse the connection",
          source.file,
          SECTION,
          cert,
          notAfter);
    }
    return notAfter;
  }

  private IllegalArgumentException error(String key, String problem) {
    return source.error(SECTION + "." + key, problem);
  }

  private static String known() {
    return String.join(", ", KEYS.stream().sorted().toList());
  }

  private String require(Map<String, String> values, String key) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw error(key, "required when " + SECTION + " is set");
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
              "client_auth_type",
              value
                  + " (an unverified client certificate) is not supported: use RequireAndVerifyClientCert or VerifyClientCertIfGiven with a client_ca_file");
      default ->
          throw error(
              "client_auth_type",
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
      throw error(key, "must be TLS12 or TLS13, not '" + value + "'" + why);
    }
  }

  /** The PEM file's bytes; relative paths resolve against the config file's directory. */
  private byte[] pem(String key, String value, String kind) {
    Path path = source.resolve(value);
    byte[] bytes;
    try {
      bytes = source.read(path);
    } catch (IOException e) {
      throw error(key, "cannot read " + path + ": " + WebConfigSource.firstLine(e));
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
      CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
    } catch (CertificateException e) {
      throw error(
          key,
          source.lastRead()
              + " holds a certificate the JDK cannot read: "
              + WebConfigSource.firstLine(e));
    }
    return bytes;
  }
}
