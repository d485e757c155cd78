package io.sipexporter.catalog;

/**
 * One step of what to check for a response code, with the command that performs it where one
 * exists, e.g. {@code openssl x509 -noout -dates -issuer -subject -in cert.pem} for a 437.
 *
 * @param step what to look at, one sentence
 * @param command a shell command that shows it; empty when no command applies
 */
public record Check(String step, String command) {
  public Check {
    if (step == null || step.isBlank()) {
      throw new IllegalArgumentException("a check needs a step");
    }
    step = step.strip();
    command = command == null ? "" : command.strip();
  }

  /** True when the step comes with a command to run. */
  public boolean hasCommand() {
    return !command.isEmpty();
  }
}
