package io.sipexporter.cli;

import picocli.CommandLine.Option;

/** The {@code -h/--help} of the subcommands that take no {@code --version}. */
final class HelpOption {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;
}
