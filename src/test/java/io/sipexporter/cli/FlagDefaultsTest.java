package io.sipexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.ExporterConfig;
import io.sipexporter.net.ListenerOptions;
import io.sipexporter.transaction.TrackerOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Each flag's default is one constant of the record that holds its value: the flags' defaults (what
 * {@code --help} and docs/configuration.md document, {@code ConfigurationReferenceTest} checks
 * that) build exactly the records' defaults.
 */
class FlagDefaultsTest {
  @BeforeAll
  static void noVariableSetsAFlag() {
    assertThat(System.getenv().keySet())
        .as("no SIP_EXPORTER_* variable is set: it would be the default these tests compare")
        .noneMatch(k -> k.startsWith("SIP_EXPORTER_"));
  }

  @Test
  void theExportersFlagDefaultsAreTheConfigDefaults() {
    CommandLine cl = SipExporterCommand.newCommandLine();
    cl.parseArgs();
    assertThat(((SipExporterCommand) cl.getCommand()).toConfig())
        .isEqualTo(ExporterConfig.defaults());
  }

  @Test
  void replaysFlagDefaultsAreTheSameRecordsDefaults() {
    CommandLine cl = new CommandLine(new ReplayCommand());
    cl.parseArgs("capture.pcap");
    ReplayCommand replay = cl.getCommand();
    ExporterConfig defaults = ExporterConfig.defaults();
    assertThat(replay.tracking.toOptions()).isEqualTo(TrackerOptions.DEFAULTS);
    assertThat(replay.maxMessageBytes).isEqualTo(ListenerOptions.DEFAULT_MAX_MESSAGE_BYTES);
    assertThat(replay.hepNodes).isEqualTo(defaults.hepNodes());
    assertThat(replay.webListen).isEqualTo(defaults.webListen());
  }

  @Test
  void healthchecksWebAddressIsTheExportersDefault() {
    CommandLine cl = new CommandLine(new HealthcheckCommand());
    cl.parseArgs();
    assertThat(((HealthcheckCommand) cl.getCommand()).web)
        .isEqualTo(ExporterConfig.defaults().webListen());
  }
}
