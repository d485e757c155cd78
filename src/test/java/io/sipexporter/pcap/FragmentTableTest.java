package io.sipexporter.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** IPv4 fragment bounds, with LINKTYPE_IPV4 frames built by hand. */
class FragmentTableTest {
  private final SipCounter sink = new SipCounter();
  private final PacketDecoder decoder = new PacketDecoder(sink, sink);
  private final byte[] datagram = udp("OPTIONS sip:b@192.0.2.2 SIP/2.0\r\nCSeq: 1 OPTIONS\r\n\r\n");

  private static byte[] udp(String payload) {
    byte[] p = payload.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(8 + p.length)
        .putShort((short) 5060)
        .putShort((short) 5060)
        .putShort((short) (8 + p.length))
        .putShort((short) 0)
        .put(p)
        .array();
  }

  /** Sends {@code data[from, to)} as the fragment at byte {@code from} of datagram {@code id}. */
  private void fragment(
      int id, int offset, byte[] data, int from, int to, boolean more, long time) {
    int len = to - from;
    ByteBuffer b = ByteBuffer.allocate(20 + len);
    b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + len)).putShort((short) id);
    b.putShort((short) ((more ? 0x2000 : 0) | offset / 8));
    b.put((byte) 64).put((byte) 17).putShort((short) 0);
    b.put(new byte[] {(byte) 192, 0, 2, 1}).put(new byte[] {(byte) 192, 0, 2, 2});
    b.put(data, from, len);
    decoder.decode(new CaptureFrame().set(b.array(), 0, b.capacity(), 228, time, 0));
  }

  @Test
  void twoFragmentsInEitherOrder() {
    fragment(1, 16, datagram, 16, datagram.length, false, 0);
    fragment(1, 0, datagram, 0, 16, true, 0);
    fragment(2, 0, datagram, 0, 16, true, 0);
    fragment(2, 16, datagram, 16, datagram.length, false, 0);
    assertThat(sink.messages).containsEntry("OPTIONS", 2);
    assertThat(sink.errors).isEmpty();
  }

  @Test
  void fragmentsOlderThanTheTimeoutAreDropped() {
    fragment(1, 0, datagram, 0, 16, true, 100);
    fragment(1, 16, datagram, 16, datagram.length, false, 100 + FragmentTable.TIMEOUT_SECONDS + 1);
    decoder.finish();
    assertThat(sink.messages).isEmpty();
    assertThat(sink.errors)
        .containsEntry("ip_fragment_timeout", 2); // the first, then the lone last
  }

  @Test
  void fullTableEvictsTheOldest() {
    for (int id = 0; id <= FragmentTable.MAX_ENTRIES; id++) {
      fragment(id, 0, datagram, 0, 16, true, id / 10);
    }
    assertThat(sink.errors).containsEntry("ip_fragment_table_full", 1);
    fragment(1, 16, datagram, 16, datagram.length, false, 7); // id 1 is still there
    fragment(0, 16, datagram, 16, datagram.length, false, 7); // id 0 was evicted
    assertThat(sink.messages).containsEntry("OPTIONS", 1);
  }

  @Test
  void fragmentPastTheMaximumDatagramIsRefused() {
    fragment(1, 0, datagram, 0, 16, true, 0);
    fragment(1, 65528, datagram, 16, datagram.length, false, 0);
    assertThat(sink.errors).containsEntry("ip_fragment_too_large", 1);
    assertThat(sink.messages).isEmpty();
  }

  @Test
  void zeroTotalLengthMeansSegmentationOffload() {
    ByteBuffer b = ByteBuffer.allocate(20 + datagram.length);
    b.put((byte) 0x45).put((byte) 0).putShort((short) 0).putInt(0);
    b.put((byte) 64).put((byte) 17).putShort((short) 0);
    b.put(new byte[] {(byte) 192, 0, 2, 1}).put(new byte[] {(byte) 192, 0, 2, 2}).put(datagram);
    decoder.decode(new CaptureFrame().set(b.array(), 0, b.capacity(), 228, 0, 0));
    assertThat(sink.messages).containsEntry("OPTIONS", 1);
  }
}
