package io.sipexporter.sip;

/**
 * What {@link SipScanner} made of one message: {@link #OK}, {@link #KEEPALIVE}, or the reason it is
 * malformed, which becomes the {@code reason} label of {@code sip_exporter_parse_errors_total}.
 */
public enum ScanResult implements io.sipexporter.core.ErrorReason {
  /** A request or a response with everything the meters need. */
  OK,
  /** Only CRLF (RFC 5626 3.5.1 keep-alive): not a message, not an error. */
  KEEPALIVE,
  /** The message is empty or not text: binary junk. */
  NOT_SIP,
  /** No CRLF CRLF ending the header section within the bytes given. */
  TRUNCATED,
  /** The first line is neither {@code METHOD SP Request-URI SP SIP/2.0} nor a status line. */
  BAD_START_LINE,
  /** A status line whose code is not three digits in 100-699. */
  BAD_STATUS_CODE,
  /** No CSeq header. */
  MISSING_CSEQ,
  /**
   * A CSeq header that is not {@code number SP method}, or a request whose CSeq method is not its
   * request-line method (RFC 3261 8.1.1.5; unknown methods, both {@code other}, are not compared).
   */
  BAD_CSEQ,
  /** No Call-ID header, or only empty ones. */
  MISSING_CALL_ID,
  /** No Via header. */
  MISSING_VIA,
  /** A Content-Length that is not a non-negative decimal, or larger than the bytes that follow. */
  BAD_CONTENT_LENGTH,
  /** A message larger than the configured maximum size. */
  TOO_LARGE;

  private final String reason = name().toLowerCase(java.util.Locale.ROOT);

  @Override
  public String reason() {
    return reason;
  }

  /** True for the results that are counted as parse errors. */
  public boolean isError() {
    return this != OK && this != KEEPALIVE;
  }
}
