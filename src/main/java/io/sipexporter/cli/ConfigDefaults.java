package io.sipexporter.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies flag defaults in the documented order: a flag on the command line wins, then its
 * environment variable ({@code --sip.listen-address} is {@code SIP_EXPORTER_SIP_LISTEN_ADDRESS}),
 * then the config file, then the built-in default.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
  private final ConfigFile file;

  ConfigDefaults(ConfigFile file) {
    this.file = file;
  }

  /** The environment variable that sets {@code --a.b-c}: {@code SIP_EXPORTER_A_B_C}. */
  static String envName(String flag) {
    return "SIP_EXPORTER_"
        + flag.replaceFirst("^-+", "").replaceAll("[.-]", "_").toUpperCase(java.util.Locale.ROOT);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option)) {
      return null;
    }
    String flag = option.longestName();
    if (System.getenv(envName(flag)) != null) {
      return null; // the annotation's ${env:...} default reads it
    }
    return file == null ? null : file.get(flag.replaceFirst("^-+", ""));
  }
}
