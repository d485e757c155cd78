package io.sipexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipexporter.ExporterConfig;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigFileTest {
  @TempDir Path dir;

  @Test
  void fileSetsWhatTheFlagsDoNotAndFlagsWin() throws IOException {
    Path file =
        write(
            "sip:\n  listen-address: \"127.0.0.1:5070\"\n  tcp-idle-timeout: 30s\n"
                + "web.listen-address: \"127.0.0.1:10099\"\n");
    ExporterConfig config = parse(file, "--web.listen-address=127.0.0.1:10100");
    assertThat(config.sipListen()).hasToString("127.0.0.1:5070");
    assertThat(config.listener().tcpIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.webListen()).as("the flag wins over the file").hasToString("127.0.0.1:10100");
    assertThat(config.telemetryPath()).as("unset keys keep their defaults").isEqualTo("/metrics");
  }

  @Test
  void unknownKeyIsAnErrorNamingIt() throws IOException {
    Path file = write("sip:\n  listen-adress: \":5060\"\n");
    assertThatThrownBy(
            () ->
                ConfigFile.read(
                    file, SipExporterCommand.flagKeys(SipExporterCommand.newCommandLine())))
        .hasMessageContaining("unknown key 'sip.listen-adress'")
        .hasMessageContaining(file.toString());
  }

  @Test
  void listValueIsAnErrorNamingTheKey() throws IOException {
    Path file = write("web:\n  telemetry-path: [a, b]\n");
    assertThatThrownBy(
            () ->
                ConfigFile.read(
                    file, SipExporterCommand.flagKeys(SipExporterCommand.newCommandLine())))
        .hasMessageContaining("key 'web.telemetry-path' needs a single value");
  }

  @Test
  void badValueInTheFileIsReportedByTheCommandLine() throws IOException {
    Path file = write("sip:\n  listen-address: nowhere\n");
    StringWriter err = new StringWriter();
    int exit = runWithErr(err, "--config.file=" + file, "--version");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--sip.listen-address", "'nowhere'");
  }

  @Test
  void unreadableFileExitsNamingIt() {
    StringWriter err = new StringWriter();
    int exit = runWithErr(err, "--config.file=" + dir.resolve("missing.yml"));
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("missing.yml", "cannot read");
  }

  @Test
  void environmentVariableNamesFollowTheFlags() {
    assertThat(ConfigDefaults.envName("--sip.tcp-idle-timeout"))
        .isEqualTo("SIP_EXPORTER_SIP_TCP_IDLE_TIMEOUT");
    assertThat(SipExporterCommand.flagKeys(SipExporterCommand.newCommandLine()))
        .contains("sip.listen-address", "web.telemetry-path", "log.format")
        .doesNotContain("config.file", "help", "version");
  }

  private ExporterConfig parse(Path file, String... args) {
    CommandLine cl = SipExporterCommand.newCommandLine();
    cl.setDefaultValueProvider(
        new ConfigDefaults(ConfigFile.read(file, SipExporterCommand.flagKeys(cl))));
    cl.parseArgs(args);
    return ((SipExporterCommand) cl.getCommand()).toConfig();
  }

  private static int runWithErr(StringWriter err, String... args) {
    // run() builds its own CommandLine; capture its error stream through System.err
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      return SipExporterCommand.run(args);
    } finally {
      System.setErr(original);
      err.write(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("sip-exporter.yml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void aKeyGivenTwiceIsAnErrorNamingTheKeyAndBothLines() throws IOException {
    Set<String> keys = SipExporterCommand.flagKeys(SipExporterCommand.newCommandLine());
    Path nested = write("web:\n  listen-address: \":1\"\n  listen-address: \":2\"\n");
    assertThatThrownBy(() -> ConfigFile.read(nested, keys))
        .hasMessage(nested + ": line 3: duplicate key 'web.listen-address' (first set at line 2)");
    Path dotted = write("web.listen-address: \":1\"\nweb.listen-address: \":2\"\n");
    assertThatThrownBy(() -> ConfigFile.read(dotted, keys))
        .hasMessage(dotted + ": line 2: duplicate key 'web.listen-address' (first set at line 1)");
    Path mixed =
        write(
            "web.listen-address: \":1\"\nsip:\n  event-loops: 2\nweb:\n  listen-address: \":2\"\n");
    assertThatThrownBy(() -> ConfigFile.read(mixed, keys)).hasMessage(nested(mixed, 5, 1));
    Path twoSections = write("web:\n  telemetry-path: /a\nweb:\n  telemetry-path: /b\n");
    assertThatThrownBy(() -> ConfigFile.read(twoSections, keys))
        .hasMessageContaining("line 4: duplicate key 'web.telemetry-path' (first set at line 2)");
  }

  private static String nested(Path file, int line, int first) {
    return file
        + ": line "
        + line
        + ": duplicate key 'web.listen-address' (first set at line "
        + first
        + ")";
  }

  @Test
  void aKeyGivenTwiceStopsStartUpWithExitTwo() throws IOException {
    Path file = write("web.listen-address: \":1\"\nweb:\n  listen-address: \":2\"\n");
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    int exit;
    try {
      exit = SipExporterCommand.run(new String[] {"--config.file=" + file});
    } finally {
      System.setErr(err);
    }
    assertThat(exit).isEqualTo(2);
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("duplicate key 'web.listen-address'")
        .contains("line 3");
  }
}
