package io.sipexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipexporter.transaction.TrackerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --transactions.max-clock-skew}: 5 min by default, more than 0, at most 24 h. */
class MaxClockSkewFlagTest {
  @TempDir Path dir;

  private static TrackerOptions tracking(CommandLine cl, String... args) {
    cl.parseArgs(args);
    return ((SipExporterCommand) cl.getCommand()).toConfig().tracking();
  }

  @Test
  void defaultsToFiveMinutes() {
    assertThat(tracking(SipExporterCommand.newCommandLine()).maxClockSkew())
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(TrackerOptions.DEFAULTS.maxClockSkew()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void takesTheFlagTheConfigFileKeyAndTheEnvironmentVariable() throws IOException {
    assertThat(
            tracking(SipExporterCommand.newCommandLine(), "--transactions.max-clock-skew=24h")
                .maxClockSkew())
        .isEqualTo(Duration.ofHours(24));
    Path file = dir.resolve("sip-exporter.yml");
    Files.writeString(file, "transactions:\n  max-clock-skew: 30s\n");
    CommandLine cl = SipExporterCommand.newCommandLine();
    cl.setDefaultValueProvider(
        new ConfigDefaults(ConfigFile.read(file, SipExporterCommand.flagKeys(cl))));
    assertThat(tracking(cl).maxClockSkew()).isEqualTo(Duration.ofSeconds(30));
    assertThat(ConfigDefaults.envName("--transactions.max-clock-skew"))
        .isEqualTo("SIP_EXPORTER_TRANSACTIONS_MAX_CLOCK_SKEW");
    assertThat(SipExporterCommand.newCommandLine().getUsageMessage())
        .contains("--transactions.max-clock-skew", "SIP_EXPORTER_TRANSACTIONS_MAX_CLOCK_SKEW");
  }

  @Test
  void rejectsZeroAndMoreThanADay() {
    assertThatThrownBy(
            () -> tracking(SipExporterCommand.newCommandLine(), "--transactions.max-clock-skew=0"))
        .hasMessageContaining("not a positive duration");
    assertThatThrownBy(
            () ->
                tracking(SipExporterCommand.newCommandLine(), "--transactions.max-clock-skew=25h"))
        .hasMessageContaining("'25h' is more than 24h");
    for (String bad : new String[] {"0", "25h", "-1m"}) {
      CommandLine cl = SipExporterCommand.newCommandLine();
      cl.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
      assertThat(cl.execute("--transactions.max-clock-skew=" + bad)).as(bad).isEqualTo(2);
    }
    assertThatThrownBy(() -> TrackerOptions.DEFAULTS.withMaxClockSkew(Duration.ofDays(2)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
