package io.sipexporter.hep;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sipexporter.Allocation;
import io.sipexporter.sip.SipMessage;
import io.sipexporter.sip.SipScanner;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Timeout;

/**
 * Jazzer targets for {@link HepDecoder} and {@link HepStreamFramer}, with the SIP scanner behind
 * them as the HEP listeners run it (docs/fuzzing.md).
 */
class HepFuzzTest {
  /**
   * A decode writes offsets into a reused packet and allocates nothing; while fuzzing, Jazzer's
   * comparison hooks in the decoder allocate about 1 KiB (input
   * hep2-like-bad-magic-hook-allocation).
   */
  private static final long MAX_ALLOCATED = 16 * 1024;

  private final HepDecoder decoder = new HepDecoder();
  private final HepPacket packet = new HepPacket();
  private final SipScanner scanner = new SipScanner();
  private final SipMessage msg = new SipMessage();

  /**
   * Any datagram: a result without throwing or allocating, and on OK every chunk the packet points
   * at lies inside the datagram; a SIP payload goes through the scanner.
   */
  @FuzzTest
  @Timeout(10)
  void decode(byte[] datagram) {
    HepResult r = decoder.decode(datagram, 0, datagram.length, packet);
    assertThat(r).isNotNull();
    long before = Allocation.allocatedBytes(); // second decode: classes on this path are loaded
    assertThat(decoder.decode(datagram, 0, datagram.length, packet)).isEqualTo(r);
    assertThat(Allocation.allocatedBytes() - before)
        .as("bytes allocated by one decode")
        .isLessThanOrEqualTo(MAX_ALLOCATED);
    if (r != HepResult.OK) {
      return;
    }
    assertThat(packet.payloadLength()).isPositive();
    assertInside(packet.payloadOffset(), packet.payloadLength(), datagram.length);
    assertInside(packet.authKeyOffset(), packet.authKeyLength(), datagram.length);
    assertInside(packet.correlationIdOffset(), packet.correlationIdLength(), datagram.length);
    assertInside(packet.srcAddressOffset(), packet.srcAddressLength(), datagram.length);
    assertInside(packet.dstAddressOffset(), packet.dstAddressLength(), datagram.length);
    if (packet.isSip()) {
      assertThat(scanner.scan(packet.buffer(), packet.payloadOffset(), packet.payloadLength(), msg))
          .isNotNull();
    }
  }

  /**
   * A HEP-over-TCP stream cut into reads at places chosen by a seed (the input's last 8 bytes): the
   * same packets and result however it is cut, never more than one packet held, nothing thrown;
   * closed after a prefix (also chosen by the seed), every byte of it framed or held.
   */
  @FuzzTest
  @Timeout(10)
  void frame(FuzzedDataProvider data) {
    long cuts = data.consumeLong();
    byte[] stream = data.consumeRemainingAsBytes();

    Frames whole = new Frames();
    HepResult wholeResult = new HepStreamFramer().feed(stream, 0, stream.length, whole);

    Frames split = new Frames();
    HepStreamFramer framer = new HepStreamFramer();
    Random random = new Random(cuts);
    HepResult r = HepResult.OK;
    for (int off = 0; off < stream.length; ) {
      int n =
          Math.min(
              stream.length - off,
              random.nextBoolean() ? 1 + random.nextInt(8) : 1 + random.nextInt(stream.length));
      r = framer.feed(stream, off, n, split);
      assertThat(framer.pendingBytes())
          .as("bytes held")
          .isBetween(0, HepStreamFramer.MAX_PACKET - 1);
      off += n;
    }
    assertThat(split.count).as("packets, cut into reads").isEqualTo(whole.count);
    assertThat(split.crc.getValue())
        .as("packet bytes, cut into reads")
        .isEqualTo(whole.crc.getValue());
    assertThat(r).as("result, cut into reads").isEqualTo(wholeResult);

    // the peer closes after a prefix: unless the stream died of a counted failure, every byte is
    // in a framed packet or held as the one packet cut short (counted as truncated_at_close)
    int prefix = new Random(~cuts).nextInt(stream.length + 1);
    Frames closed = new Frames();
    HepStreamFramer cut = new HepStreamFramer();
    if (cut.feed(stream, 0, prefix, closed) == HepResult.OK) {
      assertThat(closed.bytes + cut.pendingBytes()).as("bytes framed or held").isEqualTo(prefix);
    }
  }

  private static void assertInside(int off, int len, int size) {
    if (len > 0) {
      assertThat(off).isBetween(0, size - 1);
      assertThat((long) off + len).isLessThanOrEqualTo(size);
    }
  }

  /** Decodes each framed packet, scans its SIP payload and fingerprints it. */
  private final class Frames implements HepStreamFramer.FrameSink {
    final CRC32 crc = new CRC32();
    int count;
    long bytes;

    @Override
    public void onFrame(byte[] buf, int off, int len) {
      if (len < HepDecoder.HEADER || len > HepStreamFramer.MAX_PACKET) {
        throw new AssertionError("framed a packet of " + len + " bytes");
      }
      count++;
      bytes += len;
      crc.update(len);
      crc.update(buf, off, len);
      if (decoder.decode(buf, off, len, packet) == HepResult.OK && packet.isSip()) {
        scanner.scan(packet.buffer(), packet.payloadOffset(), packet.payloadLength(), msg);
      }
    }
  }
}
