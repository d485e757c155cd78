package io.sipexporter.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.core.ErrorReason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** TCP segments built by hand (LINKTYPE_IPV4 frames) in shuffled, duplicated and lossy orders. */
class TcpReassemblyTest {
  private final ByteArrayOutputStream delivered = new ByteArrayOutputStream();
  private final List<String> events = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private long seconds = 1; // capture time of the next segment
  private final PacketDecoder decoder =
      new PacketDecoder(
          new PacketSink() {
            @Override
            public void onDatagram(byte[] buf, int off, int len, PacketMeta meta) {}

            @Override
            public void onError(ErrorReason reason) {
              errors.add(reason.reason());
            }
          },
          meta -> {
            events.add("open " + meta.kind() + " " + meta.srcPort() + ">" + meta.dstPort());
            return new StreamSink() {
              @Override
              public void onData(byte[] buf, int off, int len, PacketMeta m) {
                delivered.write(buf, off, len);
              }

              @Override
              public void onGap() {
                events.add("gap");
              }

              @Override
              public void onClose() {
                events.add("close");
              }
            };
          });

  private static byte[] stream(int messages) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < messages; i++) {
      s.append("OPTIONS sip:b@192.0.2.2 SIP/2.0\r\nCSeq: ").append(i).append(" OPTIONS\r\n\r\n");
    }
    return s.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** An IPv4/TCP frame 192.0.2.1:40000 -> 192.0.2.2:5060. */
  private void segment(int seq, int flags, byte[] data, int off, int len) {
    ByteBuffer b = ByteBuffer.allocate(40 + len);
    b.put((byte) 0x45).put((byte) 0).putShort((short) (40 + len)).putInt(0);
    b.put((byte) 64).put((byte) 6).putShort((short) 0);
    b.put(new byte[] {(byte) 192, 0, 2, 1}).put(new byte[] {(byte) 192, 0, 2, 2});
    b.putShort((short) 40000).putShort((short) 5060).putInt(seq).putInt(0);
    b.put((byte) 0x50).put((byte) flags).putShort((short) 65535).putInt(0);
    b.put(data, off, len);
    decoder.decode(new CaptureFrame().set(b.array(), 0, b.capacity(), 228, seconds, 0));
  }

  @Test
  void shuffledAndDuplicatedSegmentsComeOutInOrder() {
    byte[] data = stream(40);
    Random random = new Random(42);
    for (int round = 0; round < 50; round++) {
      delivered.reset();
      int isn = random.nextInt(); // any ISN, including near the 2^32 wrap
      List<int[]> segments = new ArrayList<>();
      for (int pos = 0; pos < data.length; ) {
        int len = Math.min(1 + random.nextInt(200), data.length - pos);
        segments.add(new int[] {pos, len});
        if (random.nextInt(5) == 0) {
          segments.add(new int[] {pos, len}); // retransmission
        }
        pos += len;
      }
      for (int i = 0; i + 4 < segments.size(); i += 4) {
        Collections.shuffle(segments.subList(i, i + 4), random); // reordering within a window
      }
      segment(isn, 0x02, data, 0, 0); // SYN
      for (int[] s : segments) {
        segment(isn + 1 + s[0], 0x18, data, s[0], s[1]);
      }
      segment(isn + 1 + data.length, 0x11, data, 0, 0); // FIN
      assertThat(delivered.toByteArray()).as("round %d", round).isEqualTo(data);
    }
    assertThat(errors).isEmpty();
    assertThat(events).doesNotContain("gap").contains("open SIP 40000>5060", "close");
  }

  @Test
  void midStreamStartWithoutSyn() {
    byte[] data = stream(3);
    segment(7, 0x18, data, 0, 30);
    segment(7 + 30, 0x18, data, 30, data.length - 30);
    assertThat(delivered.toByteArray()).isEqualTo(data);
  }

  @Test
  void aHoleThatNeverFillsBecomesAGapOnceTheBoundIsHit() {
    byte[] data = stream(2000);
    int chunk = 1000;
    segment(0, 0x02, data, 0, 0);
    segment(1, 0x18, data, 0, chunk);
    // the second chunk is lost; keep sending until the out-of-order bound is exceeded
    for (int pos = 2 * chunk; pos + chunk <= data.length; pos += chunk) {
      segment(1 + pos, 0x18, data, pos, chunk);
    }
    assertThat(events).containsOnlyOnce("gap");
    assertThat(errors).containsOnlyOnce("tcp_gap");
    assertThat(delivered.size()).isEqualTo(data.length / chunk * chunk - chunk);
  }

  @Test
  void unfilledHoleAtCloseIsAGapAndTheBytesBehindItAreDelivered() {
    byte[] data = stream(3);
    segment(0, 0x02, data, 0, 0);
    segment(1 + 10, 0x18, data, 10, 20);
    segment(1 + data.length, 0x01, data, 0, 0);
    assertThat(errors).containsExactly("tcp_gap");
    // the sink opens on bytes that follow a hole: it is told so before it gets them
    assertThat(events).containsExactly("open SIP 40000>5060", "gap", "close");
    assertThat(delivered.toByteArray()).isEqualTo(Arrays.copyOfRange(data, 10, 30));
  }

  @Test
  void segmentsHeldBeyondTheTimeBoundAreDeliveredAfterAGapWhileTheFlowGoesOn() {
    byte[] data = stream(4);
    int quarter = data.length / 4;
    segment(0, 0x02, data, 0, 0);
    segment(1, 0x18, data, 0, quarter);
    segment(1 + 2 * quarter, 0x18, data, 2 * quarter, quarter); // the second quarter is lost
    assertThat(delivered.size()).isEqualTo(quarter);
    seconds += TcpReassembler.MAX_HOLD_NANOS / 1_000_000_000L + 1;
    segment(1 + 3 * quarter, 0x18, data, 3 * quarter, quarter);
    assertThat(events).containsExactly("open SIP 40000>5060", "gap");
    assertThat(errors).containsExactly("tcp_gap");
    assertThat(delivered.size()).isEqualTo(3 * quarter);
  }
}
