package io.sipexporter.sip;

/**
 * Cuts a SIP-over-TCP byte stream into messages (RFC 3261 18.3): the header section, then
 * Content-Length bytes of body. Complete messages inside a chunk are handed on without copying;
 * only a message split across chunks is buffered. Not thread-safe: one framer per connection.
 *
 * <pre>{@code
 * SipStreamFramer framer = new SipStreamFramer(SipStreamFramer.DEFAULT_MAX_SIZE,
 *     (buf, off, len) -> scanner.scan(buf, off, len, msg));
 * if (framer.feed(chunk, 0, chunk.length).isError()) {
 *   socket.close(); // the stream cannot be resynchronised
 * }
 * }</pre>
 */
public final class SipStreamFramer {
  /** The default largest message, headers and body together. */
  public static final int DEFAULT_MAX_SIZE = 65535;

  /** Receives each complete message; the bytes are only valid during the call. */
  @FunctionalInterface
  public interface MessageSink {
    void message(byte[] buf, int off, int len);
  }

  private static final int INITIAL_BUFFER = 4096;

  private final int maxSize;
  private final MessageSink sink;
  private final HeaderSection headers = new HeaderSection();
  private byte[] pending;
  private int pendingLen; // bytes held of a message that began in an earlier chunk
  private int searched; // how many of them were searched for the blank line
  private int total = -1; // that message's full size, once its headers are complete
  private ScanResult failure = ScanResult.OK;

  /** A framer for messages of at most {@code maxSize} bytes, handing each to {@code sink}. */
  public SipStreamFramer(int maxSize, MessageSink sink) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be positive: " + maxSize);
    }
    this.maxSize = maxSize;
    this.sink = sink;
    this.pending = new byte[Math.min(INITIAL_BUFFER, maxSize)];
  }

  /**
   * Frames the next chunk of the stream, calling the sink once per complete message. Returns OK, or
   * TOO_LARGE / BAD_CONTENT_LENGTH, after which the stream is dead and every feed returns the same
   * failure: the listener should close the connection.
   */
  public ScanResult feed(byte[] buf, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, buf.length);
    int end = off + len;
    while (off < end && failure == ScanResult.OK) {
      if (pendingLen > 0) {
        off += fill(buf, off, end - off);
      } else if (buf[off] == '\r' || buf[off] == '\n') {
        off++; // RFC 5626 3.5.1: CRLF keep-alives between messages
      } else {
        off += direct(buf, off, end - off);
      }
    }
    return failure;
  }

  /** OK while the stream is alive, else the failure that killed it. */
  public ScanResult failure() {
    return failure;
  }

  /**
   * Bytes held of a message that is not complete yet: at the stream's end they are a truncated
   * message.
   */
  public int pendingBytes() {
    return pendingLen;
  }

  /** Size of the buffer holding a split message: never above the largest message (fuzz-checked). */
  int bufferCapacity() {
    return pending.length;
  }

  /**
   * A message starting at buf[off]: handed on in place when complete, else held. Returns bytes
   * used.
   */
  private int direct(byte[] buf, int off, int avail) {
    int head = HeaderSection.headerLength(buf, off, avail, 0);
    if (head < 0) {
      if (avail > maxSize) {
        failure = ScanResult.TOO_LARGE;
      } else {
        hold(buf, off, avail);
        searched = avail;
      }
      return avail;
    }
    int size = size(buf, off, head);
    if (size < 0) {
      return avail;
    }
    if (size <= avail) {
      sink.message(buf, off, size);
      return size;
    }
    hold(buf, off, avail);
    total = size;
    return avail;
  }

  /** Adds bytes to the held message and hands it on once complete. Returns bytes used. */
  private int fill(byte[] buf, int off, int avail) {
    if (total > 0) {
      int take = Math.min(avail, total - pendingLen);
      hold(buf, off, take);
      emitIfComplete();
      return take;
    }
    int take = Math.min(avail, maxSize - pendingLen);
    if (take == 0) {
      failure = ScanResult.TOO_LARGE; // a header section longer than the largest message
      return avail;
    }
    int before = pendingLen;
    hold(buf, off, take);
    int head = HeaderSection.headerLength(pending, 0, pendingLen, searched - 2);
    searched = pendingLen;
    if (head < 0) {
      return take;
    }
    total = size(pending, 0, head);
    if (total < 0) {
      return avail;
    }
    if (pendingLen > total) {
      take = total - before; // the rest belongs to the next message
      pendingLen = total;
    }
    emitIfComplete();
    return take;
  }

  /** RFC 3261 18.3: the message is the header section plus Content-Length bytes; -1 on failure. */
  private int size(byte[] buf, int off, int head) {
    if (head > maxSize) {
      failure = ScanResult.TOO_LARGE; // as when the same headers arrive in pieces: never read them
      return -1;
    }
    long length = headers.contentLength(buf, off, head);
    if (length == HeaderSection.BAD) {
      failure = ScanResult.BAD_CONTENT_LENGTH;
      return -1;
    }
    long size = head + Math.max(length, 0);
    if (size > maxSize) {
      failure = ScanResult.TOO_LARGE;
      return -1;
    }
    return (int) size;
  }

  private void hold(byte[] buf, int off, int n) {
    int need = pendingLen + n;
    if (need > pending.length) {
      pending =
          java.util.Arrays.copyOf(pending, Math.min(maxSize, Math.max(need, 2 * pending.length)));
    }
    System.arraycopy(buf, off, pending, pendingLen, n);
    pendingLen = need;
  }

  private void emitIfComplete() {
    if (pendingLen == total) {
      int n = total;
      pendingLen = 0;
      searched = 0;
      total = -1;
      sink.message(pending, 0, n);
    }
  }
}
