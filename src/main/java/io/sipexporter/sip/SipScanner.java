package io.sipexporter.sip;

/**
 * Reads the start line, CSeq, Call-ID, top Via branch, From and To tags and Content-Length of one
 * SIP message, without allocating. Not thread-safe: one scanner per event loop.
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
   * RFC 3261 7.3: reads header fields up to the blank line; the first CSeq, Call-ID, Via, From, To
   * and Content-Length count.
   */
  private ScanResult fields(byte[] buf, int p, int end, SipMessage out) {
    HeaderSection h = headers;
    h.start(buf, p, end);
    boolean cseq = false;
    boolean callId = false;
    boolean via = false;
    boolean length = false;
    boolean fromSeen = false;
    boolean toSeen = false;
    int step;
    while ((step = h.next()) == HeaderSection.FIELD) {
      long named = HeaderName.read(buf, h.lineStart, h.valueEnd);
      int valueOff = HeaderName.valueOffset(named);
      switch (HeaderName.name(named)) {
        case HeaderName.CSEQ:
          if (!cseq) {
            if (!FieldValues.cseq(buf, valueOff, h.valueEnd, out)) {
              return ScanResult.BAD_CSEQ;
            }
            cseq = true;
          }
          break;
        case HeaderName.CALL_ID:
          callId = callId || FieldValues.callId(buf, valueOff, h.valueEnd, out);
          break;
        case HeaderName.VIA:
          if (!via) {
            via = true;
            FieldValues.viaBranch(buf, valueOff, h.valueEnd, out);
          }
          break;
        case HeaderName.FROM:
          if (!fromSeen) {
            fromSeen = true;
            long tag = TagParam.find(buf, valueOff, h.valueEnd);
            out.fromTagOffset = GenericParam.offset(tag);
            out.fromTagLength = GenericParam.length(tag);
          }
          break;
        case HeaderName.TO:
          if (!toSeen) {
            toSeen = true;
            long tag = TagParam.find(buf, valueOff, h.valueEnd);
            out.toTagOffset = GenericParam.offset(tag);
            out.toTagLength = GenericParam.length(tag);
          }
          break;
        case HeaderName.CONTENT_LENGTH:
          if (!length) {
            length = true;
            long v = h.contentLengthValue(valueOff);
            if (v < 0) {
              return ScanResult.BAD_CONTENT_LENGTH;
            }
            out.contentLength = (int) v;
          }
          break;
        default:
          break;
      }
    }
    if (step == HeaderSection.TRUNCATED) {
      return ScanResult.TRUNCATED;
    }
    return !cseq
        ? ScanResult.MISSING_CSEQ
        : !callId ? ScanResult.MISSING_CALL_ID : !via ? ScanResult.MISSING_VIA : ScanResult.OK;
  }
}
