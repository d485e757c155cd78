package io.sipexporter.core;

/** The transport a message arrived on: the {@code transport} label. */
public enum Transport {
  UDP,
  TCP;

  private final String label = name().toLowerCase(java.util.Locale.ROOT);

  public String label() {
    return label;
  }
}
