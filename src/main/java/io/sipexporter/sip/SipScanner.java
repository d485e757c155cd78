package io.sipexporter.sip;

/**
 * Reads the start line, CSeq, Call-ID, top Via branch, From and To (their tags on demand),
 * Content-Length and where each Reason header is of one SIP message, without allocating. Not
 * thread-safe: one scanner per event loop.
 *
 * <pre>{@code
 * SipScanner scanner = new SipScanner();
 * SipMessage msg = new SipMessage();
 * if (scanner.scan(bytes, 0, bytes.length, msg) == ScanResult.OK && !msg.isRequest()) {
 *   System.out.println(msg.cseqMethod() + " " + msg.statusCode());
 * }
 * }</pre>
 */
public final class SipScanner {
  /** Every counted field read, and OTHER's bit, which is set from the start. */
  private static final int ALL_SEEN =
      1 << HeaderName.OTHER
          | 1 << HeaderName.CSEQ
          | 1 << HeaderName.CALL_ID
          | 1 << HeaderName.VIA
          | 1 << HeaderName.FROM
          | 1 << HeaderName.TO
          | 1 << HeaderName.CONTENT_LENGTH;

  private final StartLine startLine = new StartLine();
  private final HeaderSection headers = new HeaderSection();

  /**
   * Scans {@code buf[off, off+len)} into {@code out}: one whole message (a UDP datagram, or one
   * message cut from a stream by the framer). Never throws on any input.
   */
  public ScanResult scan(byte[] buf, int off, int len, SipMessage out) {
    out.reset(buf);
    if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
      return ScanResult.NOT_SIP;
    }
    int end = off + len;
    int p = off;
    // RFC 3261 7.5: CRLFs before the start line are ignored; CRLF alone is a keep-alive (RFC 5626
    // 3.5.1)
    while (p < end && (buf[p] == '\r' || buf[p] == '\n')) {
      p++;
    }
    if (p == end) {
      return len == 0 ? ScanResult.NOT_SIP : ScanResult.KEEPALIVE;
    }
    ScanResult r = startLine.scan(buf, p, end, out);
    if (r != ScanResult.OK) {
      return r;
    }
    r = fields(buf, startLine.next, end, out);
    if (r != ScanResult.OK) {
      return r;
    }
    // RFC 3261 8.1.1.5: a request's CSeq method MUST match its request-line method
    if (out.request && out.method != out.cseqMethod) {
      return ScanResult.BAD_CSEQ;
    }
    out.headerLength = headers.pos - off;
    // RFC 3261 18.3: on a datagram the Content-Length may not exceed the bytes after the headers;
    // without one the body is the rest of the datagram
    int rest = end - headers.pos;
    if (out.contentLength > rest) {
      return ScanResult.BAD_CONTENT_LENGTH;
    }
    out.bodyOffset = headers.pos;
    out.bodyLength = out.contentLength < 0 ? rest : out.contentLength;
    return ScanResult.OK;
  }

  /**
   * RFC 3261 7.3: reads header fields up to the blank line; the first CSeq, Call-ID (with a value),
   * Via, From, To and Content-Length count, and every Reason (RFC 3326 2: it may repeat).
   */
  private ScanResult fields(byte[] buf, int p, int end, SipMessage out) {
    HeaderSection h = headers;
    h.start(buf, p, end);
    int seen = 1 << HeaderName.OTHER; // bit 1 << HeaderName of each field read, OTHER never read
    int step;
    while ((step = h.next()) == HeaderSection.FIELD) {
      if (seen == ALL_SEEN && (buf[h.lineStart] | 0x20) != 'r') {
        continue; // nothing left to read but Reason headers, which may come anywhere
      }
      long named = HeaderName.read(buf, h.lineStart, h.valueEnd);
      int name = HeaderName.name(named);
      if ((seen & 1 << name) != 0) {
        continue; // a field the scanner does not read, or not the first of its name
      }
      int valueOff = HeaderName.valueOffset(named);
      switch (name) {
        case HeaderName.REASON:
          out.reasonHeader(valueOff, h.valueEnd);
          continue; // never marked seen: each one counts
        case HeaderName.CSEQ:
          if (!FieldValues.cseq(buf, valueOff, h.valueEnd, out)) {
            return ScanResult.BAD_CSEQ;
          }
          break;
        case HeaderName.CALL_ID:
          if (!FieldValues.callId(buf, valueOff, h.valueEnd, out)) {
            continue; // empty: a later Call-ID may still have a value
          }
          break;
        case HeaderName.VIA:
          FieldValues.viaBranch(buf, valueOff, h.valueEnd, out);
          break;
        case HeaderName.FROM:
          out.fromOffset = valueOff;
          out.fromEnd = h.valueEnd;
          break;
        case HeaderName.TO:
          out.toOffset = valueOff;
          out.toEnd = h.valueEnd;
          break;
        case HeaderName.CONTENT_LENGTH:
          long length = h.contentLengthValue(valueOff);
          if (length < 0) {
            return ScanResult.BAD_CONTENT_LENGTH;
          }
          out.contentLength = (int) length;
          break;
        default:
          break;
      }
      seen |= 1 << name;
    }
    if (step == HeaderSection.TRUNCATED) {
      return ScanResult.TRUNCATED;
    }
    return (seen & 1 << HeaderName.CSEQ) == 0
        ? ScanResult.MISSING_CSEQ
        : (seen & 1 << HeaderName.CALL_ID) == 0
            ? ScanResult.MISSING_CALL_ID
            : (seen & 1 << HeaderName.VIA) == 0 ? ScanResult.MISSING_VIA : ScanResult.OK;
  }
}
