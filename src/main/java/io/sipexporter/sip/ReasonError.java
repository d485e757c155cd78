package io.sipexporter.sip;

import io.sipexporter.core.ErrorReason;
import java.util.Locale;

/**
 * Why a Reason value could not be counted: the {@code reason} label of {@code
 * sip_exporter_reasons_malformed_total}. The message itself is still counted.
 */
public enum ReasonError implements ErrorReason {
  /** No protocol token before the parameters ({@code Reason: ;cause=16}, an empty value). */
  MISSING_PROTOCOL,
  /** No {@code cause} parameter. */
  MISSING_CAUSE,
  /** A {@code cause} whose value is not {@code 1*DIGIT}. */
  BAD_CAUSE,
  /** A Reason header beyond the {@value SipMessage#MAX_REASON_HEADERS} a message keeps. */
  TOO_MANY_HEADERS;

  private static final ReasonError[] VALUES = values();

  private final String reason = name().toLowerCase(Locale.ROOT);

  @Override
  public String reason() {
    return reason;
  }

  /** Number of reasons: the size of per-reason arrays. */
  public static int count() {
    return VALUES.length;
  }
}
