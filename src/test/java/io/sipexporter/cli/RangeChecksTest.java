package io.sipexporter.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipexporter.ExporterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * A flag and its config-file key take one path, the command's parse into the config records, so a
 * value out of range gets the same message, the record's, naming the flag.
 */
class RangeChecksTest {
  @TempDir Path dir;

  private static ExporterConfig config(CommandLine cl, String... args) {
    cl.parseArgs(args);
    return ((SipExporterCommand) cl.getCommand()).toConfig();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "transactions.capacity | 5 | --transactions.capacity must be 1024 to 67108864, not 5",
        "calls.capacity | 100 | --calls.capacity must be 256 to 67108864, not 100",
        "transactions.reorder-window | 40s"
            + " | --transactions.reorder-window must be shorter than --transactions.timeout, not 40s",
        "transactions.max-clock-skew | 25h | --transactions.max-clock-skew: '25h' is more than 24h",
        "sip.max-message-bytes | 100 | --sip.max-message-bytes must be between 256 and 16777216,"
            + " not 100",
        "sip.udp-receive-buffer-bytes | 1024"
            + " | --sip.udp-receive-buffer-bytes must be at least 4096, not 1024",
        "sip.tcp-max-connections | 0 | --sip.tcp-max-connections must be at least 1, not 0",
        "sip.event-loops | 257 | --sip.event-loops must be 0 (one per CPU) to 256, not 257",
        "hep.nodes | 1001 | --hep.nodes must be 0 (off) to 1000, not 1001",
        "metrics.max-unregistered-codes | 601"
            + " | --metrics.max-unregistered-codes must be 0 to 600, not 601",
        "web.telemetry-path | metrics"
            + " | --web.telemetry-path must start with / and name a path, not 'metrics'",
        "web.max-connections | 4097 | --web.max-connections must be 1 to 4096, not 4097",
        "web.read-header-timeout | 31s | --web.read-header-timeout must be 100ms to 30s, not 31s",
      })
  void theFlagAndTheConfigFileGetTheRecordsMessage(String key, String value, String message)
      throws IOException {
    assertThatThrownBy(() -> config(SipExporterCommand.newCommandLine(), "--" + key + "=" + value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);

    Path file = Files.writeString(dir.resolve("sip-exporter.yml"), key + ": \"" + value + "\"\n");
    CommandLine cl = SipExporterCommand.newCommandLine();
    cl.setDefaultValueProvider(
        new ConfigDefaults(ConfigFile.read(file, SipExporterCommand.flagKeys(cl))));
    assertThatThrownBy(() -> config(cl))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
