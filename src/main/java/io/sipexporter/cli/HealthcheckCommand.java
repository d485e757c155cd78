package io.sipexporter.cli;

import io.sipexporter.ExporterConfig;
import io.sipexporter.core.ListenAddress;
import io.sipexporter.http.WebConfig;
import io.sipexporter.http.WebTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sip-exporter healthcheck}: asks a running exporter's {@code /-/healthy} and exits 0 or 1,
 * following its web config (HTTPS, basic auth). The image's HEALTHCHECK uses it only when a web
 * config file is set; otherwise bash's {@code /dev/tcp} answers without a JVM
 * (docs/healthcheck.md).
 */
@Command(
    name = "healthcheck",
    mixinStandardHelpOptions = true,
    description = "Exit 0 when the exporter at --web.listen-address answers /-/healthy, else 1.")
public final class HealthcheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--web.listen-address",
      paramLabel = "HOST:PORT",
      defaultValue =
          "${env:SIP_EXPORTER_WEB_LISTEN_ADDRESS:-"
              + ExporterConfig.DEFAULT_WEB_LISTEN_ADDRESS
              + "}",
      converter = SipExporterCommand.ListenAddressConverter.class,
      description =
          "The exporter's web address; an unspecified host means 127.0.0.1 (default ${DEFAULT-VALUE}).")
  ListenAddress web;

  @Option(
      names = "--web.config.file",
      paramLabel = "FILE",
      defaultValue = "${env:SIP_EXPORTER_WEB_CONFIG_FILE}",
      description =
          "The exporter's web config: with TLS the probe speaks HTTPS (any certificate: it only asks whether the exporter answers), and with basic-auth users a 401 counts as an answer (env SIP_EXPORTER_WEB_CONFIG_FILE).")
  Path webConfigFile;

  @Override
  public Integer call() {
    WebConfig config;
    try {
      config = webConfigFile == null ? null : WebConfig.load(webConfigFile);
    } catch (IllegalArgumentException e) {
      return unhealthy(e.getMessage());
    }
    WebTls tls = config == null ? null : config.tls();
    if (tls != null && tls.clientAuth() == WebTls.ClientAuth.REQUIRE_AND_VERIFY) {
      return unhealthy(
          webConfigFile
              + " requires a client certificate, which this probe does not have: use"
              + " client_auth_type VerifyClientCertIfGiven to keep the health check");
    }
    boolean basicAuth = config != null && !config.users().isEmpty();
    String host =
        web.host().equals(ListenAddress.ANY_HOST) || web.host().equals("::")
            ? "127.0.0.1"
            : web.host();
    URI uri =
        URI.create(
            (tls == null ? "http://" : "https://")
                + new ListenAddress(host, web.port())
                + "/-/healthy");
    try {
      HttpResponse<Void> response =
          client(tls != null)
              .send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                  HttpResponse.BodyHandlers.discarding());
      // with basic auth on, a 401 is the exporter answering: it is up and guarding its pages
      if (response.statusCode() == 200 || (basicAuth && response.statusCode() == 401)) {
        return 0;
      }
      return unhealthy(uri + " answered " + response.statusCode());
    } catch (java.io.IOException e) {
      return unhealthy(uri + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private int unhealthy(String why) {
    spec.commandLine().getErr().println("healthcheck: " + why);
    return 1;
  }

  /**
   * An HTTP/1.1 client; over TLS it accepts any server certificate and name, as a liveness probe of
   * the exporter on its own host only needs an answer.
   */
  private static HttpClient client(boolean tls) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3));
    if (tls) {
      System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
      builder.sslContext(AnyCertificate.context());
    }
    return builder.build();
  }
}
