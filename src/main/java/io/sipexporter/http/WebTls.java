package io.sipexporter.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.net.ssl.X509KeyManager;

/**
 * The {@code tls_server_config} of a {@link WebConfig}, with the PEM files already read, so a
 * reload swaps exactly the certificates that were checked.
 *
 * @param cert the server certificate chain, PEM
 * @param key the server private key, PEM
 * @param clientAuth whether clients must show a certificate signed by {@code clientCa}
 * @param clientCa the CA certificates client certificates are verified against, PEM, or null
 * @param min the lowest TLS version offered
 * @param max the highest TLS version offered
 * @param notAfter when the server certificate (the first in {@code cert}) expires
 */
public record WebTls(
    byte[] cert,
    byte[] key,
    ClientAuth clientAuth,
    byte[] clientCa,
    Version min,
    Version max,
    java.time.Instant notAfter) {

  /**
   * exporter-toolkit's {@code client_auth_type} values that this exporter implements, weakest
   * first.
   */
  public enum ClientAuth {
    NO_CLIENT_CERT(io.vertx.core.http.ClientAuth.NONE, "NoClientCert"),
    VERIFY_IF_GIVEN(io.vertx.core.http.ClientAuth.REQUEST, "VerifyClientCertIfGiven"),
    REQUIRE_AND_VERIFY(io.vertx.core.http.ClientAuth.REQUIRED, "RequireAndVerifyClientCert");

    private final io.vertx.core.http.ClientAuth vertx;
    private final String configName;

    ClientAuth(io.vertx.core.http.ClientAuth vertx, String configName) {
      this.vertx = vertx;
      this.configName = configName;
    }

    /** The value as the web config file writes it. */
    public String configName() {
      return configName;
    }
  }

  /** exporter-toolkit's {@code min_version}/{@code max_version} values, lowest first. */
  public enum Version {
    TLS12("TLSv1.2"),
    TLS13("TLSv1.3");

    private final String protocol;

    Version(String protocol) {
      this.protocol = protocol;
    }
  }

  /**
   * Why {@code key} cannot serve {@code cert} (unreadable, or not the certificate's key, which Go's
   * {@code tls.LoadX509KeyPair} also refuses), or null when it can.
   */
  static String keyProblem(byte[] cert, byte[] key) {
    PemKeyCertOptions pem =
        new PemKeyCertOptions().setCertValue(Buffer.buffer(cert)).setKeyValue(Buffer.buffer(key));
    KeyStore store;
    X509KeyManager keys;
    try {
      store = pem.loadKeyStore(null);
      keys = (X509KeyManager) pem.getKeyManagerFactory(null).getKeyManagers()[0];
    } catch (Exception e) {
      return "cannot read the private key: " + e.getMessage();
    }
    try {
      String alias = store.aliases().nextElement();
      PrivateKey privateKey = keys.getPrivateKey(alias);
      PublicKey publicKey = store.getCertificate(alias).getPublicKey();
      String algorithm =
          switch (privateKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> privateKey.getAlgorithm(); // Ed25519, Ed448 sign as themselves
          };
      byte[] probe = "sip-exporter key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature)
          ? null
          : "the private key does not match the certificate in cert_file";
    } catch (GeneralSecurityException | RuntimeException e) {
      return "the private key does not match the certificate in cert_file (" + e.getMessage() + ")";
    }
  }

  /** Server options that listen with these settings. */
  public HttpServerOptions serverOptions() {
    ServerSSLOptions ssl = sslOptions();
    return new HttpServerOptions()
        .setSsl(true)
        .setKeyCertOptions(ssl.getKeyCertOptions())
        .setTrustOptions(ssl.getTrustOptions())
        .setClientAuth(ssl.getClientAuth())
        .setEnabledSecureTransportProtocols(ssl.getEnabledSecureTransportProtocols());
  }

  /** The settings as a running server takes them in {@code updateSSLOptions}. */
  public ServerSSLOptions sslOptions() {
    Set<String> protocols = new LinkedHashSet<>();
    for (Version v : EnumSet.range(min, max)) {
      protocols.add(v.protocol);
    }
    ServerSSLOptions options =
        new ServerSSLOptions()
            .setKeyCertOptions(
                new PemKeyCertOptions()
                    .setCertValue(Buffer.buffer(cert))
                    .setKeyValue(Buffer.buffer(key)))
            .setClientAuth(clientAuth.vertx)
            .setEnabledSecureTransportProtocols(protocols);
    if (clientCa != null) {
      options.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(clientCa)));
    }
    return options;
  }
}
