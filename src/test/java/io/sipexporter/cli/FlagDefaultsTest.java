package io.sipexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sipexporter.ExporterConfig;
import io.sipexporter.net.ListenerOptions;
import io.sipexporter.transaction.TrackerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Each flag's default is one constant of the record that holds its value: the flags' defaults (what
 * {@code --help} and the README's configuration table document) build exactly the records'
 * defaults.
 */
class FlagDefaultsTest {
  private static final Path README = Path.of("README.md");

  /** A row of the README's configuration table: flag, variable, default. */
  private static final Pattern ROW =
      Pattern.compile("^\\| `(--[a-z.-]+)` \\| `([A-Z_]+)` \\| ([^|]*) \\|", Pattern.MULTILINE);

  @BeforeAll
  static void noVariableSetsAFlag() {
    assumeTrue(
        System.getenv().keySet().stream().noneMatch(k -> k.startsWith("SIP_EXPORTER_")),
        "an SIP_EXPORTER_* variable is set: it would be the default");
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

  @Test
  void theReadmeDocumentsEachFlagWithItsDefaultAndVariable() throws IOException {
    Map<String, String[]> documented = new LinkedHashMap<>();
    Matcher m = ROW.matcher(Files.readString(README, StandardCharsets.UTF_8));
    while (m.find()) {
      documented.put(m.group(1), new String[] {m.group(2), m.group(3).strip()});
    }
    CommandLine cl = SipExporterCommand.newCommandLine();
    Map<String, OptionSpec> flags = new LinkedHashMap<>();
    for (OptionSpec option : cl.getCommandSpec().options()) {
      if (!option.usageHelp() && !option.versionHelp()) {
        flags.put(option.longestName(), option);
      }
    }
    assertThat(documented.keySet())
        .as("the flags of the configuration table in " + README)
        .containsExactlyInAnyOrderElementsOf(flags.keySet());
    documented.forEach(
        (flag, row) -> {
          assertThat(row[0]).as(flag).isEqualTo(ConfigDefaults.envName(flag));
          String value = flags.get(flag).defaultValue();
          if (value == null || value.isEmpty()) {
            assertThat(row[1]).as(flag + " has no default").startsWith("none");
          } else {
            assertThat(row[1]).as(flag).startsWith("`" + value + "`");
          }
        });
  }
}
