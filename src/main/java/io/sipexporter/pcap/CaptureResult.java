package io.sipexporter.pcap;

import io.sipexporter.core.ErrorReason;
import java.util.Locale;

/**
 * What {@link CaptureReader#next} read: a {@link #PACKET}, the {@link #END} of the capture, or the
 * reason a record was bad ({@code pcap_truncated_record}, ...). After a fatal error the reader
 * stops cleanly: every later call returns {@link #END}.
 */
public enum CaptureResult implements ErrorReason {
  /** A frame was read into the holder. */
  PACKET,
  /** End of the capture (or of what could be read after a fatal error). */
  END,
  /** The file starts with neither a pcap nor a pcapng magic number: fatal. */
  BAD_MAGIC,
  /** The input ended inside a header or record: fatal. */
  TRUNCATED_RECORD,
  /** A record or block larger than {@link CaptureReader#MAX_RECORD}: skipped (pcapng) or fatal. */
  OVERSIZE_RECORD,
  /** A pcapng block with a bad length (fatal) or packet fields that overrun it (skipped). */
  BAD_BLOCK,
  /** A pcapng packet naming an interface no IDB described: skipped. */
  UNKNOWN_INTERFACE;

  private final String reason = "pcap_" + name().toLowerCase(Locale.ROOT);

  @Override
  public String reason() {
    return reason;
  }

  /** True for the results that are counted as parse errors. */
  public boolean isError() {
    return this != PACKET && this != END;
  }
}
