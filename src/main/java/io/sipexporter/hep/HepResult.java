package io.sipexporter.hep;

import io.sipexporter.core.ErrorReason;
import java.util.Locale;

/**
 * What {@link HepDecoder} or {@link HepStreamFramer} made of the bytes: {@link #OK} or the reason
 * they are malformed, which becomes the {@code reason} label ({@code hep_truncated}, ...).
 */
public enum HepResult implements ErrorReason {
  /** A complete packet was decoded. */
  OK,
  /** Fewer bytes than the header or a length field promises. */
  TRUNCATED,
  /** Neither {@code HEP3} nor a HEPv1/v2 version byte. */
  BAD_MAGIC,
  /** The HEPv3 total length disagrees with the datagram, or is below the 6-byte header. */
  BAD_TOTAL_LENGTH,
  /** A HEPv3 chunk shorter than its 6-byte header or longer than what is left. */
  BAD_CHUNK_LENGTH,
  /** A fixed-size chunk (port, address, timestamp...) with the wrong value length. */
  BAD_CHUNK_VALUE,
  /** More chunks than {@link HepDecoder#MAX_CHUNKS}. */
  TOO_MANY_CHUNKS,
  /** A HEPv1/v2 header length or address family that is not IPv4 (16) or IPv6 (40). */
  BAD_HEADER,
  /** No payload chunk, or an empty payload. */
  NO_PAYLOAD,
  /** Only a compressed payload (chunk 16): not inflated, counted. */
  COMPRESSED_PAYLOAD,
  /** Two captured-payload chunks (type 15) in one HEPv3 packet, which carries one: neither read. */
  DUPLICATE_PAYLOAD,
  /** HEPv1/v2 over TCP: the SIP payload's Content-Length is malformed, so it cannot be framed. */
  BAD_CONTENT_LENGTH,
  /** HEPv1/v2 over TCP: header and SIP payload larger than {@link HepStreamFramer#MAX_PACKET}. */
  TOO_LARGE,
  /** Not from the decoder: the listener's verdict when {@link HepAuthKey#matches} fails. */
  BAD_AUTH_KEY;

  private final String reason = "hep_" + name().toLowerCase(Locale.ROOT);

  @Override
  public String reason() {
    return reason;
  }
}
