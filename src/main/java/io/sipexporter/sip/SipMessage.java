package io.sipexporter.sip;

import java.nio.charset.StandardCharsets;

/**
 * The fields {@link SipScanner} reads from one message. One instance is reused for every message an
 * event loop scans, so scanning allocates nothing; text fields are offsets into {@link #buffer()}
 * and only become Strings when asked for.
 */
public final class SipMessage {
  /** Reason headers whose bounds a message keeps; more are only counted. */
  public static final int MAX_REASON_HEADERS = 8;

  /** A tag not looked for yet; else the {@link GenericParam} packing, 0 for none. */
  private static final long UNREAD = -1;

  byte[] buffer;
  boolean request;
  SipMethod method = SipMethod.OTHER;
  int statusCode;
  SipMethod cseqMethod = SipMethod.OTHER;
  long cseqNumber;
  int callIdOffset;
  int callIdLength;
  int branchOffset;
  int branchLength;
  // From and To: where the value is; the tag is looked for only when asked for (the counting path
  // never does, the transaction tracker for some messages)
  int fromOffset;
  int fromEnd;
  int toOffset;
  int toEnd;
  private long fromTag = UNREAD;
  private long toTag = UNREAD;
  int contentLength;
  int headerLength;
  int bodyOffset;
  int bodyLength;
  // RFC 3326: each Reason header's value as [from, to) pairs, in message order
  final int[] reasonBounds = new int[2 * MAX_REASON_HEADERS];
  int reasonHeaders;
  int reasonHeadersDropped;
  private final ReasonParser reasons = new ReasonParser(this);
  private int labelSet;

  void reset(byte[] buf) {
    buffer = buf;
    request = false;
    method = SipMethod.OTHER;
    statusCode = 0;
    cseqMethod = SipMethod.OTHER;
    cseqNumber = -1;
    callIdOffset = callIdLength = 0;
    branchOffset = branchLength = 0;
    fromOffset = fromEnd = toOffset = toEnd = 0;
    fromTag = toTag = UNREAD;
    contentLength = -1;
    headerLength = 0;
    bodyOffset = bodyLength = 0;
    reasonHeaders = reasonHeadersDropped = 0;
    labelSet = 0;
  }

  /**
   * The label set the pipeline counted this message in (node, peer, direction: an index the metrics
   * give meaning to), so that its transaction is counted alike; 0 for none.
   */
  public int labelSet() {
    return labelSet;
  }

  /** Sets what {@link #labelSet()} returns, after the scan. */
  public void labelSet(int set) {
    labelSet = set;
  }

  /** Keeps the bounds of one Reason header's value, or counts it dropped when there are enough. */
  void reasonHeader(int from, int to) {
    if (reasonHeaders == MAX_REASON_HEADERS) {
      reasonHeadersDropped++;
      return;
    }
    reasonBounds[2 * reasonHeaders] = from;
    reasonBounds[2 * reasonHeaders + 1] = to;
    reasonHeaders++;
  }

  /** True when the message has a Reason header (RFC 3326). */
  public boolean hasReason() {
    return reasonHeaders > 0;
  }

  /**
   * The reason values of the first {@value #MAX_REASON_HEADERS} Reason headers, in order; the
   * returned parser is this message's own, restarted.
   */
  public ReasonParser reasons() {
    reasons.restart();
    return reasons;
  }

  /** Reason headers beyond the first {@value #MAX_REASON_HEADERS}, not read. */
  public int reasonHeadersDropped() {
    return reasonHeadersDropped;
  }

  /** The bytes the message was scanned from. */
  public byte[] buffer() {
    return buffer;
  }

  /** True for a request, false for a response. */
  public boolean isRequest() {
    return request;
  }

  /** The request-line method (requests only). */
  public SipMethod method() {
    return method;
  }

  /** The status code, 100-699 (responses only; 0 for requests). */
  public int statusCode() {
    return statusCode;
  }

  /** The method named in CSeq: for a response, the method of the request it answers. */
  public SipMethod cseqMethod() {
    return cseqMethod;
  }

  /** The CSeq sequence number. */
  public long cseqNumber() {
    return cseqNumber;
  }

  /** Offset of the Call-ID value in {@link #buffer()}. */
  public int callIdOffset() {
    return callIdOffset;
  }

  /** Length of the Call-ID value. */
  public int callIdLength() {
    return callIdLength;
  }

  /** Offset of the top Via's {@code branch} parameter value; length 0 when it has none. */
  public int branchOffset() {
    return branchOffset;
  }

  /** Length of the top Via's branch value, 0 when absent. */
  public int branchLength() {
    return branchLength;
  }

  /**
   * Offset of the first From header's {@code tag} parameter value; length 0 when it has none. Read
   * from the value on the first call for this message, without allocating.
   */
  public int fromTagOffset() {
    return GenericParam.offset(fromTagParam());
  }

  /** Length of the From tag, 0 when absent. */
  public int fromTagLength() {
    return GenericParam.length(fromTagParam());
  }

  /** Offset of the first To header's {@code tag} parameter value; length 0 when it has none. */
  public int toTagOffset() {
    return GenericParam.offset(toTagParam());
  }

  /** Length of the To tag, 0 when absent (a dialog-creating request, RFC 3261 8.1.1.2). */
  public int toTagLength() {
    return GenericParam.length(toTagParam());
  }

  private long fromTagParam() {
    if (fromTag == UNREAD) {
      fromTag = TagParam.find(buffer, fromOffset, fromEnd);
    }
    return fromTag;
  }

  private long toTagParam() {
    if (toTag == UNREAD) {
      toTag = TagParam.find(buffer, toOffset, toEnd);
    }
    return toTag;
  }

  /** The Content-Length value, or -1 when the header is absent. */
  public int contentLength() {
    return contentLength;
  }

  /** Bytes from the message start through the CRLF CRLF that ends the headers. */
  public int headerLength() {
    return headerLength;
  }

  /** Offset of the body in {@link #buffer()}. */
  public int bodyOffset() {
    return bodyOffset;
  }

  /**
   * Length of the body: the Content-Length, or without one the rest of the bytes scanned (a UDP
   * datagram; a framed TCP message without Content-Length has none).
   */
  public int bodyLength() {
    return bodyLength;
  }

  /** The Call-ID as a String (allocates: for tests, logs and tracking, not for counting). */
  public String callId() {
    return new String(buffer, callIdOffset, callIdLength, StandardCharsets.US_ASCII);
  }

  /** The top Via branch as a String, or "" (allocates). */
  public String branch() {
    return new String(buffer, branchOffset, branchLength, StandardCharsets.US_ASCII);
  }

  /** The From tag as a String, or "" (allocates). */
  public String fromTag() {
    return new String(buffer, fromTagOffset(), fromTagLength(), StandardCharsets.US_ASCII);
  }

  /** The To tag as a String, or "" (allocates). */
  public String toTag() {
    return new String(buffer, toTagOffset(), toTagLength(), StandardCharsets.US_ASCII);
  }
}
