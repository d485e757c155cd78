package io.sipexporter.catalog;

import java.util.Locale;

/** How much a response code matters for alerting, from routine ({@link #NONE}) to paging. */
public enum Severity {
  /** Normal progress or success: never alert. */
  NONE,
  /** An expected outcome (busy, no answer, challenge): watch trends only. */
  INFO,
  /** A configuration or interoperability problem affecting some requests. */
  WARNING,
  /** A server or network failure that is likely to affect many calls. */
  CRITICAL;

  /** The lower-case name used in the catalogue, JSON and alert rules. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The severity named {@code label} ({@code none}, {@code info}, {@code warning}, {@code
   * critical}).
   */
  public static Severity ofLabel(String label) {
    for (Severity s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown severity '" + label + "'");
  }
}
