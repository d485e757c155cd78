package io.sipexporter.core;

/** How a SIP message reached the exporter: the {@code input} label. */
public enum Input {
  /** Raw copies of SIP messages (siptrace duplicate_uri, port mirrors). */
  SIP,
  /** HEP v2/v3 envelopes. */
  HEP,
  /** Packet captures (pcap, pcapng). */
  PCAP;

  private final String label = name().toLowerCase(java.util.Locale.ROOT);

  public String label() {
    return label;
  }
}
