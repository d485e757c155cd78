package io.sipexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/configuration.md lists every flag of the exporter with the environment variable that sets it
 * and the default the command really uses: the reference cannot drift from the code.
 */
class ConfigurationReferenceTest {
  private static final Pattern ROW =
      Pattern.compile("^\\| `(--[^`]+)` \\| `([^`]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);

  @Test
  void everyFlagHasARowWithItsVariableAndItsDefault() throws IOException {
    Map<String, Matcher> rows = rows(Path.of("docs/configuration.md"));
    Map<String, OptionSpec> flags = new TreeMap<>();
    for (OptionSpec option : SipExporterCommand.newCommandLine().getCommandSpec().options()) {
      if (!option.usageHelp() && !option.versionHelp()) {
        flags.put(option.longestName(), option);
      }
    }
    assertThat(flags).hasSizeGreaterThan(20);
    assertThat(new TreeSet<>(rows.keySet()))
        .as("flags with a row in docs/configuration.md")
        .isEqualTo(flags.keySet());
    flags.forEach(
        (name, option) -> {
          Matcher row = rows.get(name);
          assertThat(row.group(2)).as(name).isEqualTo(ConfigDefaults.envName(name));
          String shown = row.group(3).trim();
          String actual = option.defaultValue();
          if (actual == null || actual.isEmpty()) {
            assertThat(shown).as("the default of %s", name).startsWith("none");
          } else {
            assertThat(shown).as("the default of %s", name).startsWith("`" + actual + "`");
          }
        });
  }

  private static Map<String, Matcher> rows(Path doc) throws IOException {
    Map<String, Matcher> rows = new TreeMap<>();
    Matcher m = ROW.matcher(Files.readString(doc));
    while (m.find()) {
      Matcher row = ROW.matcher(m.group());
      assertThat(row.find()).isTrue();
      assertThat(rows.put(m.group(1), row)).as("one row for %s", m.group(1)).isNull();
    }
    return rows;
  }
}
