package io.sipexporter.cli;

/** The {@code sip-exporter} command line (placeholder until the CLI lands). */
public final class SipExporterCommand {
  private SipExporterCommand() {}

  /** Runs the command line and returns the process exit code. */
  public static int run(String[] args) {
    return 0;
  }
}
