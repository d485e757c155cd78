package io.sipexporter.sip;

/**
 * Finds where a SIP message begins in a stream whose earlier bytes were lost (a TCP gap in a
 * capture), as tshark resynchronises: at the next line that is a whole request line ({@code METHOD
 * SP Request-URI SP SIP/2.0}) or status line ({@code SIP/2.0 SP 3DIGIT SP ...}), RFC 3261 7.1, 7.2.
 *
 * <pre>{@code
 * int at = MessageStart.find(buf, off, len);
 * if (at >= 0) framer.feed(buf, at, off + len - at);
 * }</pre>
 */
public final class MessageStart {
  private MessageStart() {}

  /**
   * Index of the first line start in {@code buf[off, off+len)} that holds a complete start line, or
   * -1 when there is none (a start line cut by the end of the bytes is not found).
   */
  public static int find(byte[] buf, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, buf.length);
    StartLine line = new StartLine();
    SipMessage scratch = new SipMessage();
    int end = off + len;
    for (int p = off; p < end; ) {
      if (buf[p] != '\r' && buf[p] != '\n' && line.scan(buf, p, end, scratch) == ScanResult.OK) {
        return p;
      }
      int lf = SipChars.indexOfLf(buf, p, end); // every step moves past one line: progress
      p = lf + 1;
    }
    return -1;
  }
}
