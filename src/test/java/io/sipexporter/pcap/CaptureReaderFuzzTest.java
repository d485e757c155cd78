package io.sipexporter.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sipexporter.Allocation;
import io.sipexporter.core.ErrorReason;
import io.sipexporter.hep.HepDecoder;
import io.sipexporter.hep.HepPacket;
import io.sipexporter.hep.HepResult;
import io.sipexporter.hep.HepStreamFramer;
import io.sipexporter.sip.SipMessage;
import io.sipexporter.sip.SipScanner;
import io.sipexporter.sip.SipStreamFramer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Timeout;

/**
 * Jazzer target for a whole capture file: {@link CaptureReader}, {@link PacketDecoder}, and behind
 * them the stream framers, HEP decoder and SIP scanner a replay feeds (docs/fuzzing.md).
 */
class CaptureReaderFuzzTest {
  /** The reader's record buffer, plus per-input work that grows with the input, not beyond. */
  private static final long FIXED_ALLOCATION = CaptureReader.MAX_RECORD + 4L * 1024 * 1024;

  private static final long PER_INPUT_BYTE = 64;

  /**
   * Any bytes as a pcap or pcapng file: every record read makes progress (no more results than
   * bytes), nothing throws, and reading allocates in proportion to the input.
   */
  @FuzzTest
  @Timeout(10)
  void read(byte[] capture) throws IOException {
    Replay first = new Replay();
    int records = first.run(capture);
    assertThat(records)
        .as("results read from %d bytes", capture.length)
        .isLessThanOrEqualTo(capture.length + 1);

    long before = Allocation.allocatedBytes(); // second run: classes on this path are loaded
    assertThat(new Replay().run(capture)).isEqualTo(records);
    assertThat(Allocation.allocatedBytes() - before)
        .as("bytes allocated replaying %d bytes", capture.length)
        .isLessThanOrEqualTo(FIXED_ALLOCATION + PER_INPUT_BYTE * capture.length);
  }

  /** One replay of a capture through everything a pcap input feeds. */
  private static final class Replay implements PacketSink, StreamSink.Factory {
    private final SipScanner scanner = new SipScanner();
    private final SipMessage msg = new SipMessage();
    private final HepDecoder hep = new HepDecoder();
    private final HepPacket packet = new HepPacket();

    int run(byte[] capture) throws IOException {
      CaptureReader reader = new CaptureReader(new ByteArrayInputStream(capture));
      PacketDecoder packets = new PacketDecoder(this, this);
      CaptureFrame frame = new CaptureFrame();
      int results = 0;
      for (CaptureResult r; (r = reader.next(frame)) != CaptureResult.END; ) {
        if (++results > capture.length + 1) {
          break; // reported by the caller: a reader that stops consuming
        }
        if (r == CaptureResult.PACKET) {
          packets.decode(frame);
        }
      }
      packets.finish();
      return results;
    }

    @Override
    public void onDatagram(byte[] buf, int off, int len, PacketMeta meta) {
      if (meta.kind() == PayloadKind.HEP) {
        hepPacket(buf, off, len);
      } else {
        scanner.scan(buf, off, len, msg);
      }
    }

    @Override
    public void onError(ErrorReason reason) {
      assertThat(reason.reason()).isNotEmpty();
    }

    @Override
    public StreamSink open(PacketMeta meta) {
      return meta.kind() == PayloadKind.HEP ? new HepStream() : new SipStream();
    }

    private void hepPacket(byte[] buf, int off, int len) {
      if (hep.decode(buf, off, len, packet) == HepResult.OK && packet.isSip()) {
        scanner.scan(packet.buffer(), packet.payloadOffset(), packet.payloadLength(), msg);
      }
    }

    /** SIP over TCP: a framer per direction, started afresh after a gap. */
    private final class SipStream implements StreamSink {
      private SipStreamFramer framer = newFramer();

      private SipStreamFramer newFramer() {
        return new SipStreamFramer(
            SipStreamFramer.DEFAULT_MAX_SIZE, (b, o, n) -> scanner.scan(b, o, n, msg));
      }

      @Override
      public void onData(byte[] buf, int off, int len, PacketMeta meta) {
        framer.feed(buf, off, len);
      }

      @Override
      public void onGap() {
        framer = newFramer();
      }

      @Override
      public void onClose() {}
    }

    /** HEP over TCP. */
    private final class HepStream implements StreamSink {
      private HepStreamFramer framer = new HepStreamFramer();

      @Override
      public void onData(byte[] buf, int off, int len, PacketMeta meta) {
        framer.feed(buf, off, len, (b, o, n) -> hepPacket(b, o, n));
      }

      @Override
      public void onGap() {
        framer = new HepStreamFramer();
      }

      @Override
      public void onClose() {}
    }
  }
}
