package io.sipexporter.sip;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sipexporter.Allocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Timeout;

/**
 * Jazzer target for {@link SipStreamFramer} with the scanner behind it, as a TCP listener runs them
 * (docs/fuzzing.md). The input is a byte stream, a largest-message size and a seed for the places
 * the stream is cut into reads (both taken from the end of the input).
 */
class SipStreamFramerFuzzTest {
  /** What one framer must not exceed on top of its buffer growth: JVM noise only. */
  private static final long SLACK = 16 * 1024;

  /**
   * The messages and the failure do not depend on how the stream is cut; no message is larger than
   * the maximum, neither is the framer's buffer; the scanner agrees the framed messages are whole;
   * nothing throws and a run allocates no more than the buffer's doubling up to the maximum; closed
   * after a prefix, every byte of it is counted.
   */
  @FuzzTest
  @Timeout(10)
  void frame(FuzzedDataProvider data) {
    int maxSize = data.consumeInt(1, 1 << 16);
    long cuts = data.consumeLong();
    byte[] stream = data.consumeRemainingAsBytes();

    Messages whole = new Messages(maxSize);
    ScanResult wholeResult = new SipStreamFramer(maxSize, whole).feed(stream, 0, stream.length);

    Messages split = new Messages(maxSize);
    ScanResult splitResult =
        feedInPieces(new SipStreamFramer(maxSize, split), maxSize, stream, cuts);
    assertThat(split.count).as("messages, cut into reads").isEqualTo(whole.count);
    assertThat(split.crc.getValue())
        .as("message bytes, cut into reads")
        .isEqualTo(whole.crc.getValue());
    assertThat(splitResult).as("result, cut into reads").isEqualTo(wholeResult);

    // again on a fresh framer, measured now that every class on the way is loaded
    Messages again = new Messages(maxSize);
    SipStreamFramer framer = new SipStreamFramer(maxSize, again);
    long before = Allocation.allocatedBytes();
    feedInPieces(framer, maxSize, stream, cuts);
    long allocated = Allocation.allocatedBytes() - before;
    assertThat(allocated)
        .as("bytes allocated framing %d bytes", stream.length)
        .isLessThanOrEqualTo(2L * maxSize + SLACK);
    assertThat(again.count).isEqualTo(whole.count);

    closedAfterAPrefix(stream, maxSize, new Random(~cuts).nextInt(stream.length + 1));
  }

  /**
   * The peer closes after {@code prefix} bytes: unless the stream died of a counted failure, every
   * byte is in a framed message, a CR/LF keep-alive between messages, or held as the one message
   * cut short, which the listener counts as {@code truncated_at_close}: none is lost uncounted.
   */
  private static void closedAfterAPrefix(byte[] stream, int maxSize, int prefix) {
    List<byte[]> messages = new ArrayList<>();
    SipStreamFramer framer =
        new SipStreamFramer(maxSize, (b, o, n) -> messages.add(Arrays.copyOfRange(b, o, o + n)));
    if (framer.feed(stream, 0, prefix).isError()) {
      return; // counted under the failure's reason, and the connection closed
    }
    int pos = 0;
    for (byte[] m : messages) {
      pos = skipLineEnds(stream, pos, prefix);
      assertThat(Arrays.copyOfRange(stream, pos, pos + m.length)).as("message bytes").isEqualTo(m);
      pos += m.length;
    }
    pos = skipLineEnds(stream, pos, prefix);
    assertThat(framer.pendingBytes()).as("bytes held at close").isEqualTo(prefix - pos);
  }

  private static int skipLineEnds(byte[] b, int pos, int end) {
    while (pos < end && (b[pos] == '\r' || b[pos] == '\n')) {
      pos++;
    }
    return pos;
  }

  private static ScanResult feedInPieces(
      SipStreamFramer framer, int maxSize, byte[] stream, long cuts) {
    Random random = new Random(cuts);
    ScanResult r = ScanResult.OK;
    for (int off = 0; off < stream.length; ) {
      int n =
          Math.min(
              stream.length - off,
              random.nextBoolean() ? 1 + random.nextInt(8) : 1 + random.nextInt(stream.length));
      r = framer.feed(stream, off, n);
      assertThat(framer.bufferCapacity()).as("framer buffer").isLessThanOrEqualTo(maxSize);
      off += n;
    }
    return r;
  }

  /** Checks and fingerprints each framed message without allocating. */
  private static final class Messages implements SipStreamFramer.MessageSink {
    private final int maxSize;
    private final SipScanner scanner = new SipScanner();
    private final SipMessage msg = new SipMessage();
    final CRC32 crc = new CRC32();
    int count;

    Messages(int maxSize) {
      this.maxSize = maxSize;
    }

    @Override
    public void message(byte[] buf, int off, int len) {
      if (len < 1 || len > maxSize) {
        throw new AssertionError("framed a message of " + len + " bytes, largest " + maxSize);
      }
      count++;
      crc.update(len);
      crc.update(buf, off, len);
      ScanResult r = scanner.scan(buf, off, len, msg);
      // the framer found the blank line and the Content-Length body: the scanner must agree
      if (r == ScanResult.TRUNCATED
          || r == ScanResult.BAD_CONTENT_LENGTH
          || r == ScanResult.KEEPALIVE) {
        throw new AssertionError("scanner says " + r + " on a framed message of " + len + " bytes");
      }
    }
  }
}
