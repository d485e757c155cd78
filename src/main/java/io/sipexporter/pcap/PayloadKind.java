package io.sipexporter.pcap;

import io.sipexporter.hep.HepDecoder;

/** What a captured UDP payload or TCP stream most likely carries, guessed from its first bytes. */
public enum PayloadKind {
  /** Starts with {@code HEP3} or a plausible HEPv1/v2 header: hand it to the HEP decoder. */
  HEP,
  /** Anything else: hand it to the SIP scanner, which counts what is not SIP. */
  SIP;

  /** Guesses by content, on any port. */
  public static PayloadKind guess(byte[] buf, int off, int len) {
    return HepDecoder.looksLikeHep(buf, off, len) ? HEP : SIP;
  }
}
