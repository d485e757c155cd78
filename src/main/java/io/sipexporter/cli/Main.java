package io.sipexporter.cli;

/** Entry point: hands the command line to the CLI. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(io.sipexporter.cli.SipExporterCommand.run(args));
  }
}
