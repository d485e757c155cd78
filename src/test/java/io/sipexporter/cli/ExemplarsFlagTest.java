package io.sipexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.transaction.TrackerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --transactions.exemplars}: off by default; on by flag, config file key or env var. */
class ExemplarsFlagTest {
  @TempDir Path dir;

  private static TrackerOptions tracking(CommandLine cl, String... args) {
    cl.parseArgs(args);
    return ((SipExporterCommand) cl.getCommand()).toConfig().tracking();
  }

  @Test
  void offByDefault() {
    assertThat(tracking(SipExporterCommand.newCommandLine()).exemplars()).isFalse();
    assertThat(TrackerOptions.DEFAULTS.exemplars()).isFalse();
  }

  @Test
  void theBareFlagOrTrueTurnsThemOnAndFalseOff() {
    assertThat(
            tracking(SipExporterCommand.newCommandLine(), "--transactions.exemplars").exemplars())
        .isTrue();
    assertThat(
            tracking(SipExporterCommand.newCommandLine(), "--transactions.exemplars=true")
                .exemplars())
        .isTrue();
    assertThat(
            tracking(SipExporterCommand.newCommandLine(), "--transactions.exemplars=false")
                .exemplars())
        .isFalse();
  }

  @Test
  void theConfigFileKeyTurnsThemOnAndTheFlagWins() throws IOException {
    Path file = dir.resolve("sip-exporter.yml");
    Files.writeString(file, "transactions:\n  exemplars: true\n");
    assertThat(tracking(withFile(file)).exemplars()).isTrue();
    assertThat(tracking(withFile(file), "--transactions.exemplars=false").exemplars()).isFalse();
  }

  @Test
  void theEnvironmentVariableFollowsTheFlagName() {
    assertThat(ConfigDefaults.envName("--transactions.exemplars"))
        .isEqualTo("SIP_EXPORTER_TRANSACTIONS_EXEMPLARS");
    String help = SipExporterCommand.newCommandLine().getUsageMessage();
    assertThat(help).contains("--transactions.exemplars", "SIP_EXPORTER_TRANSACTIONS_EXEMPLARS");
  }

  @Test
  void withReorderWindowKeepsTheSetting() {
    assertThat(
            TrackerOptions.DEFAULTS
                .withExemplars(true)
                .withReorderWindow(java.time.Duration.ZERO)
                .exemplars())
        .isTrue();
  }

  private static CommandLine withFile(Path file) {
    CommandLine cl = SipExporterCommand.newCommandLine();
    cl.setDefaultValueProvider(
        new ConfigDefaults(ConfigFile.read(file, SipExporterCommand.flagKeys(cl))));
    return cl;
  }
}
