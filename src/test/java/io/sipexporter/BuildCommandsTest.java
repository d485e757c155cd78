package io.sipexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.e2e.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile builds with the README's build command and runs the jar with the README's
 * defaults, and CI runs the README's test command: the docs never drift from what is run.
 */
class BuildCommandsTest {
  private static final String BUILD = "mvn -B -DskipTests package";
  private static final String RUN = "java -XX:MaxNewSize=48m -jar target/sip-exporter.jar";
  private static final String INSTALL = "scripts/install-peers.sh";
  private static final String TEST = INSTALL + " && mvn -B verify";

  @Test
  void readmeShowsTheBuildRunAndTestCommands() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    assertThat(readme).contains(BUILD + " && " + RUN).contains("\n" + TEST + " ");
  }

  @Test
  void dockerfileBuildsWithTheReadmeCommandAndRunsTheJarWithDefaults() throws IOException {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    assertThat(dockerfile).contains("RUN " + BUILD + "\n");
    assertThat(dockerfile)
        .contains(
            "ENTRYPOINT [\"java\", \"-XX:MaxNewSize=48m\", \"-jar\","
                + " \"/opt/sip-exporter/sip-exporter.jar\"]\n");
    assertThat(dockerfile).as("runs as non-root").containsPattern("\nUSER [1-9][0-9]*\n");
    assertThat(dockerfile).contains("EXPOSE 5060/udp 5060/tcp 9060/udp 9060/tcp 10060/tcp");
    assertThat(dockerfile).as("HealthcheckProbeIT runs it").contains("HEALTHCHECK ");
  }

  @Test
  void ciRunsTheReadmeTestCommand() throws IOException {
    List<String> commands =
        Files.readAllLines(Path.of(".ci/run")).stream()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .toList();
    assertThat(commands).contains(TEST);
  }

  /** The test command installs every program the end-to-end tests run before it runs them. */
  @Test
  void testCommandInstallsEveryPeer() throws IOException {
    String script = Files.readString(Path.of(INSTALL));
    for (Tool tool : Tool.values()) {
      assertThat(script)
          .as(INSTALL + " installs %s when it is missing", tool)
          .contains("[" + tool.executable() + "]=" + tool.aptPackage() + "\n");
    }
  }
}
