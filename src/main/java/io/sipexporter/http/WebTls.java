package io.sipexporter.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

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
 */
public record WebTls(byte[] cert, byte[] key, ClientAuth clientAuth, byte[] clientCa, Version min, Version max) {

  /** exporter-toolkit's {@code client_auth_type} values that this exporter implements. */
  public enum ClientAuth {
    NO_CLIENT_CERT(io.vertx.core.http.ClientAuth.NONE),
    VERIFY_IF_GIVEN(io.vertx.core.http.ClientAuth.REQUEST),
    REQUIRE_AND_VERIFY(io.vertx.core.http.ClientAuth.REQUIRED);

    private final io.vertx.core.http.ClientAuth vertx;

    ClientAuth(io.vertx.core.http.ClientAuth vertx) {
      this.vertx = vertx;
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
            .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(cert)).setKeyValue(Buffer.buffer(key)))
            .setClientAuth(clientAuth.vertx)
            .setEnabledSecureTransportProtocols(protocols);
    if (clientCa != null) {
      options.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(clientCa)));
    }
    return options;
  }
}
