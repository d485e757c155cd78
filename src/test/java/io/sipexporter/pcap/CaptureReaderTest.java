package io.sipexporter.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.hep.HexVector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureReaderTest {
  private final CaptureFrame frame = new CaptureFrame();

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = CaptureReaderTest.class.getResourceAsStream("/pcap/" + name)) {
      return in.readAllBytes();
    }
  }

  private List<CaptureResult> readAll(byte[] capture) throws IOException {
    CaptureReader reader = new CaptureReader(new ByteArrayInputStream(capture));
    List<CaptureResult> results = new ArrayList<>();
    CaptureResult r;
    do {
      r = reader.next(frame);
      results.add(r);
    } while (r != CaptureResult.END && results.size() < 1000);
    return results;
  }

  @Test
  void classicLittleEndianMicroseconds() throws IOException {
    CaptureReader reader = new CaptureReader(new ByteArrayInputStream(resource("sll-udp.pcap")));
    assertThat(reader.next(frame)).isEqualTo(CaptureResult.PACKET);
    assertThat(frame.linkType()).isEqualTo(113);
    assertThat(frame.length()).isEqualTo(frame.originalLength()).isGreaterThan(16 + 28);
    assertThat(reader.next(frame)).isEqualTo(CaptureResult.PACKET);
    assertThat(reader.next(frame)).isEqualTo(CaptureResult.END);
    assertThat(reader.next(frame)).isEqualTo(CaptureResult.END);
  }

  @Test
  void classicBigEndianReadsLikeLittleEndian() throws IOException {
    byte[] le = resource("ipv4-udp.pcap");
    byte[] be = swapClassic(le);
    assertThat(be).isNotEqualTo(le);
    assertThat(SipCounter.read(new ByteArrayInputStream(be)).messages)
        .isEqualTo(SipCounter.read(new ByteArrayInputStream(le)).messages)
        .isNotEmpty();
    assertThat(SipCounter.read(new ByteArrayInputStream(be)).timestamps)
        .isEqualTo(SipCounter.read(new ByteArrayInputStream(le)).timestamps);
  }

  @Test
  void pcapngBigEndianWithNanosecondResolutionAndSkippedBlocks() throws IOException {
    CaptureReader reader =
        new CaptureReader(
            new ByteArrayInputStream(HexVector.load("pcap/pcapng-big-endian-tsresol.hex")));
    assertThat(reader.next(frame)).isEqualTo(CaptureResult.PACKET); // EPB, after SHB, IDB, custom
    assertThat(frame.linkType()).isEqualTo(228);
    assertThat(frame.timestampSeconds()).isEqualTo(1_700_000_000L);
    assertThat(frame.timestampNanos()).isEqualTo(123_456_789);
    assertThat(frame.length()).isEqualTo(80);
    assertThat(reader.next(frame)).isEqualTo(CaptureResult.PACKET); // SPB
    assertThat(frame.length()).isEqualTo(80);
    assertThat(frame.timestampSeconds()).isZero();
    assertThat(reader.next(frame)).isEqualTo(CaptureResult.UNKNOWN_INTERFACE);
    assertThat(reader.next(frame)).isEqualTo(CaptureResult.END);
  }

  @Test
  void pcapngMicrosecondDefault() throws IOException {
    CaptureReader reader = new CaptureReader(new ByteArrayInputStream(resource("ipv6-udp.pcapng")));
    assertThat(reader.next(frame)).isEqualTo(CaptureResult.PACKET);
    assertThat(frame.linkType()).isEqualTo(229);
    assertThat(frame.timestampNanos() % 1000).isZero();
  }

  @Test
  void emptyInputIsJustTheEnd() throws IOException {
    assertThat(readAll(new byte[0])).containsExactly(CaptureResult.END);
  }

  @Test
  void badMagic() throws IOException {
    assertThat(readAll("OPTIONS sip:x SIP/2.0\r\n".getBytes(StandardCharsets.US_ASCII)))
        .containsExactly(CaptureResult.BAD_MAGIC, CaptureResult.END);
  }

  @Test
  void everyTruncationEndsCleanly() throws IOException {
    for (String name : new String[] {"sll-udp.pcap", "ipv6-udp.pcapng"}) {
      byte[] full = resource(name);
      for (int n = 0; n < full.length; n++) {
        List<CaptureResult> results = readAll(java.util.Arrays.copyOf(full, n));
        assertThat(results).as("%s cut at %d", name, n).last().isEqualTo(CaptureResult.END);
        assertThat(results).as("%s cut at %d", name, n).doesNotContain(CaptureResult.BAD_MAGIC);
      }
    }
  }

  @Test
  void oversizeClassicRecordStopsCleanly() throws IOException {
    byte[] capture = resource("ipv4-udp.pcap");
    ByteBuffer.wrap(capture)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(24 + 8, CaptureReader.MAX_RECORD + 1);
    assertThat(readAll(capture)).containsExactly(CaptureResult.OVERSIZE_RECORD, CaptureResult.END);
  }

  @Test
  void oversizePcapngBlockIsSkipped() throws IOException {
    ByteBuffer huge =
        ByteBuffer.allocate(CaptureReader.MAX_RECORD + 16).order(ByteOrder.LITTLE_ENDIAN);
    huge.putInt(0, 0x00000BAD)
        .putInt(4, huge.capacity())
        .putInt(huge.capacity() - 4, huge.capacity());
    byte[] ng = resource("ipv6-udp.pcapng");
    int shb = ByteBuffer.wrap(ng).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
    int idb = ByteBuffer.wrap(ng).order(ByteOrder.LITTLE_ENDIAN).getInt(shb + 4);
    byte[] spliced = new byte[ng.length + huge.capacity()];
    System.arraycopy(ng, 0, spliced, 0, shb + idb);
    System.arraycopy(huge.array(), 0, spliced, shb + idb, huge.capacity());
    System.arraycopy(ng, shb + idb, spliced, shb + idb + huge.capacity(), ng.length - shb - idb);
    assertThat(readAll(spliced))
        .containsExactly(
            CaptureResult.OVERSIZE_RECORD,
            CaptureResult.PACKET,
            CaptureResult.PACKET,
            CaptureResult.END);
  }

  @Test
  void badPcapngBlockLengthStopsCleanly() throws IOException {
    byte[] ng = resource("ipv6-udp.pcapng");
    int shb = ByteBuffer.wrap(ng).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
    for (int bad : new int[] {0, 4, 11, 13, 0x7ffffffd}) {
      byte[] b = ng.clone();
      ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(shb + 4, bad);
      assertThat(readAll(b))
          .as("length %d", bad)
          .containsExactly(CaptureResult.BAD_BLOCK, CaptureResult.END);
    }
  }

  /** Rewrites a little-endian classic pcap in big-endian order, header and every record. */
  private static byte[] swapClassic(byte[] le) {
    ByteBuffer in = ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer out = ByteBuffer.allocate(le.length).order(ByteOrder.BIG_ENDIAN);
    out.putInt(in.getInt()).putShort(in.getShort()).putShort(in.getShort());
    out.putInt(in.getInt()).putInt(in.getInt()).putInt(in.getInt()).putInt(in.getInt());
    while (in.hasRemaining()) {
      out.putInt(in.getInt()).putInt(in.getInt());
      int captured = in.getInt();
      out.putInt(captured).putInt(in.getInt());
      byte[] data = new byte[captured];
      in.get(data);
      out.put(data);
    }
    return out.array();
  }
}
