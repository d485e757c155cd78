package io.sipexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipexporter.ExporterConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --hep.nodes}: off (0) by default, 0 to 1000, from a flag, its variable or the file. */
class HepNodesFlagTest {
  @TempDir Path dir;

  private static ExporterConfig config(Path file, String... args) {
    CommandLine cl = SipExporterCommand.newCommandLine();
    if (file != null) {
      cl.setDefaultValueProvider(
          new ConfigDefaults(ConfigFile.read(file, SipExporterCommand.flagKeys(cl))));
    }
    cl.parseArgs(args);
    return ((SipExporterCommand) cl.getCommand()).toConfig();
  }

  @Test
  void offByDefault() {
    assertThat(config(null).hepNodes()).isZero();
    assertThat(ExporterConfig.defaults().hepNodes()).isZero();
  }

  @Test
  void setByTheFlagTheFileNestedOrDottedAndTheFlagWins() throws IOException {
    assertThat(config(null, "--hep.nodes=50").hepNodes()).isEqualTo(50);
    assertThat(config(null, "--hep.nodes=1000").hepNodes()).isEqualTo(1000);
    Path nested = Files.writeString(dir.resolve("nested.yml"), "hep:\n  nodes: 3\n");
    Path dotted = Files.writeString(dir.resolve("dotted.yml"), "hep.nodes: 7\n");
    assertThat(config(nested).hepNodes()).isEqualTo(3);
    assertThat(config(dotted).hepNodes()).isEqualTo(7);
    assertThat(config(dotted, "--hep.nodes=2").hepNodes()).isEqualTo(2);
  }

  @Test
  void itsEnvironmentVariableFollowsTheNamingPattern() {
    assertThat(ConfigDefaults.envName("--hep.nodes")).isEqualTo("SIP_EXPORTER_HEP_NODES");
    assertThat(SipExporterCommand.flagKeys(SipExporterCommand.newCommandLine()))
        .contains("hep.nodes");
    assertThat(SipExporterCommand.newCommandLine().getUsageMessage())
        .contains("--hep.nodes=N")
        .contains("env SIP_EXPORTER_HEP_NODES");
  }

  @Test
  void outOfRangeIsAnErrorNamingTheFlag() {
    assertThatThrownBy(() -> config(null, "--hep.nodes=1001"))
        .hasMessage("--hep.nodes must be 0 (off) to 1000, not 1001");
    assertThatThrownBy(() -> config(null, "--hep.nodes=-1"))
        .hasMessage("--hep.nodes must be 0 (off) to 1000, not -1");
  }

  @Test
  void theCommandNamesTheProblemAndExits2AsAUsageError() {
    PrintStream original = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = SipExporterCommand.run(new String[] {"--hep.nodes=5000"});
    } finally {
      System.setErr(original);
    }
    assertThat(exit).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "sip-exporter: --hep.nodes must be 0 (off) to 1000, not 5000"
                + System.lineSeparator()
                + "Try 'sip-exporter --help'."
                + System.lineSeparator());
  }
}
