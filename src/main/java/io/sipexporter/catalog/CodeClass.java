package io.sipexporter.catalog;

/** The six SIP response classes of RFC 3261 7.2, named by their first digit. */
public enum CodeClass {
  PROVISIONAL("1xx", "Provisional"),
  SUCCESS("2xx", "Success"),
  REDIRECTION("3xx", "Redirection"),
  CLIENT_FAILURE("4xx", "Client Failure"),
  SERVER_FAILURE("5xx", "Server Failure"),
  GLOBAL_FAILURE("6xx", "Global Failure");

  private static final CodeClass[] VALUES = values();
  private final String label;
  private final String displayName;

  CodeClass(String label, String displayName) {
    this.label = label;
    this.displayName = displayName;
  }

  /** The label used in metrics and URLs, e.g. {@code 4xx}. */
  public String label() {
    return label;
  }

  /** The class name a person reads, e.g. {@code Client Failure}. */
  public String displayName() {
    return displayName;
  }

  /** True for 1xx: a progress report that never ends a transaction. */
  public boolean isProvisional() {
    return this == PROVISIONAL;
  }

  /** The class of a code in 100-699. */
  public static CodeClass of(int code) {
    if (code < 100 || code > 699) {
      throw new IllegalArgumentException("SIP response codes are 100-699, not " + code);
    }
    return VALUES[code / 100 - 1];
  }

  /** The class labelled {@code label}, e.g. {@code 4xx}. */
  public static CodeClass ofLabel(String label) {
    for (CodeClass c : VALUES) {
      if (c.label.equals(label)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown response class '" + label + "'");
  }
}
