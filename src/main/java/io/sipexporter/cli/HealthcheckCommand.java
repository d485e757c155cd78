package io.sipexporter.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sip-exporter healthcheck}: asks a running exporter's {@code /-/healthy} and exits 0 or 1,
 * so a container HEALTHCHECK needs no curl in the image.
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
      defaultValue = "${env:SIP_EXPORTER_WEB_LISTEN_ADDRESS:-:10060}",
      converter = SipExporterCommand.ListenAddressConverter.class,
      description =
          "The exporter's web address; an unspecified host means 127.0.0.1 (default ${DEFAULT-VALUE}).")
  ListenAddress web;

  @Override
  public Integer call() {
    String host =
        web.host().equals(ListenAddress.ANY_HOST) || web.host().equals("::")
            ? "127.0.0.1"
            : web.host();
    URI uri = URI.create("http://" + new ListenAddress(host, web.port()) + "/-/healthy");
    try {
      HttpResponse<Void> response =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(3))
              .build()
              .send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                  HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() == 200) {
        return 0;
      }
      spec.commandLine()
          .getErr()
          .println("healthcheck: " + uri + " answered " + response.statusCode());
    } catch (java.io.IOException e) {
      spec.commandLine().getErr().println("healthcheck: " + uri + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 1;
  }
}
