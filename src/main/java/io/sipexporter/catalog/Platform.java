package io.sipexporter.catalog;

import java.util.Locale;

/** The SIP servers whose own use of a code the catalogue notes where it differs from the RFC's. */
public enum Platform {
  KAMAILIO("Kamailio"),
  OPENSIPS("OpenSIPS"),
  ASTERISK("Asterisk"),
  FREESWITCH("FreeSWITCH");

  private final String displayName;

  Platform(String displayName) {
    this.displayName = displayName;
  }

  /** How the project spells its name: {@code FreeSWITCH}. */
  public String displayName() {
    return displayName;
  }

  /** The catalogue's key for it: {@code freeswitch}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The platform for a catalogue key, or {@link IllegalArgumentException} naming the keys. */
  static Platform ofKey(String key) {
    for (Platform p : values()) {
      if (p.key().equals(key)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown platform '" + key + "': kamailio, opensips, asterisk or freeswitch");
  }
}
