package io.sipexporter.sip;

/**
 * Reads the start line, CSeq, Call-ID, top Via branch and Content-Length of one SIP message,
 * without allocating. Not thread-safe: one scanner per event loop.
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
  /** Scans {@code buf[off, off+len)} into {@code out}. Never throws on any input. */
  public ScanResult scan(byte[] buf, int off, int len, SipMessage out) {
    throw new UnsupportedOperationException("not yet written");
  }
}
