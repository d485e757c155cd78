package io.sipexporter.core;

import java.util.Locale;

/**
 * A message a TCP stream cut short: the bytes already framed of it can never complete. Counted as a
 * parse error of the stream's input, so every byte that reached a framer ends counted.
 */
public enum StreamLoss implements ErrorReason {
  /** The peer closed (or the flow ended, or the connection was closed idle) mid-message. */
  TRUNCATED_AT_CLOSE,
  /** Captured TCP bytes were missing mid-message: the rest of that message was skipped. */
  TRUNCATED_AT_GAP;

  private final String reason = name().toLowerCase(Locale.ROOT);

  @Override
  public String reason() {
    return reason;
  }
}
