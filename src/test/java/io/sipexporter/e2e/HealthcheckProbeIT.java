package io.sipexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: the Dockerfile's HEALTHCHECK, read out of the Dockerfile and run as Docker runs it,
 * starts no JVM: healthy exporter 0, closed port or an unhealthy answer non-zero.
 */
@org.junit.jupiter.api.Timeout(120)
class HealthcheckProbeIT {
  @TempDir Path dir;

  @Test
  void probeOfARunningExporterExits0() throws Exception {
    int web = Ports.freeTcp();
    try (Exporter exporter = Exporter.start(dir, Ports.freeUdpAndTcp(), web)) {
      assertThat(probe("127.0.0.1:" + web)).as(exporter.logTail()).isZero();
      assertThat(probe(":" + web)).as("unspecified host means loopback").isZero();
    }
  }

  @Test
  void probeOfAClosedPortFails() throws Exception {
    assertThat(probe("127.0.0.1:" + Ports.freeTcp())).isNotZero();
  }

  @Test
  void probeOfAServerAnsweringOtherThan200Fails() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      Thread answer =
          new Thread(
              () -> {
                try (Socket s = server.accept();
                    OutputStream out = s.getOutputStream()) {
                  s.getInputStream().read(new byte[512]);
                  out.write(
                      "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"
                          .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                  // the probe's result is what is checked
                }
              });
      answer.start();
      assertThat(probe("127.0.0.1:" + server.getLocalPort())).isNotZero();
      answer.join(10_000);
    }
  }

  @Test
  void theCommandStartsNoJvmWithoutAWebConfigFile() throws Exception {
    List<String> command = healthcheckCommand();
    assertThat(command.get(0)).isEqualTo("bash");
    assertThat(command.get(2)).contains("/dev/tcp/", "GET /-/healthy");
    // the Java probe is only the fallback for a web config file (TLS, basic auth)
    assertThat(command.get(2)).containsOnlyOnce("java").contains("SIP_EXPORTER_WEB_CONFIG_FILE");
  }

  /** Runs the HEALTHCHECK command as the container would, with the exporter at {@code address}. */
  private int probe(String address) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(healthcheckCommand())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("probe.log").toFile());
    pb.environment().remove("SIP_EXPORTER_WEB_CONFIG_FILE");
    pb.environment().put("SIP_EXPORTER_WEB_LISTEN_ADDRESS", address);
    Process p = pb.start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("within the HEALTHCHECK timeout").isTrue();
    return p.exitValue();
  }

  /** The exec-form CMD of the Dockerfile's HEALTHCHECK instruction. */
  static List<String> healthcheckCommand() throws IOException {
    String dockerfile = Files.readString(Path.of("Dockerfile")).replace("\\\n", " ");
    Matcher m = Pattern.compile("(?m)^HEALTHCHECK .*? CMD (\\[.*\\])$").matcher(dockerfile);
    assertThat(m.find()).as("a HEALTHCHECK ... CMD [...] line in the Dockerfile").isTrue();
    return new ObjectMapper().readValue(m.group(1), new TypeReference<List<String>>() {});
  }
}
