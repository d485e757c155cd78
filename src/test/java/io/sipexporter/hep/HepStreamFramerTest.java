package io.sipexporter.hep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HepStreamFramerTest {
  private static final byte[] A = HexVector.load("hep/hep3-ipv4-sip.hex");
  private static final byte[] B = HexVector.load("hep/hep3-rtcp.hex");
  private static final byte[] C = HexVector.load("hep/hep3-ipv6-sip.hex");
  private static final byte[] V2 = HexVector.load("hep/hep2-kamailio-invite.hex");
  private static final byte[] V2_IPV6 = HexVector.load("hep/hep2-ipv6.hex");
  private static final byte[] V1 = HexVector.load("hep/hep1-ipv4.hex");

  private final HepStreamFramer framer = new HepStreamFramer();
  private final List<byte[]> frames = new ArrayList<>();

  private HepResult feed(byte[] b, int off, int len) {
    return framer.feed(b, off, len, (buf, o, n) -> frames.add(Arrays.copyOfRange(buf, o, o + n)));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void severalPacketsInOneRead() {
    byte[] stream = concat(A, B, C);
    assertThat(feed(stream, 0, stream.length)).isEqualTo(HepResult.OK);
    assertThat(frames).containsExactly(A, B, C);
    assertThat(framer.pendingBytes()).isZero();
  }

  @Test
  void everySplitPointOfThreePackets() {
    byte[] stream = concat(A, B, C);
    for (int split = 0; split <= stream.length; split++) {
      HepStreamFramer f = new HepStreamFramer();
      List<byte[]> got = new ArrayList<>();
      HepStreamFramer.FrameSink sink = (buf, o, n) -> got.add(Arrays.copyOfRange(buf, o, o + n));
      assertThat(f.feed(stream, 0, split, sink)).isEqualTo(HepResult.OK);
      assertThat(f.feed(stream, split, stream.length - split, sink)).isEqualTo(HepResult.OK);
      assertThat(got).as("split at %d", split).containsExactly(A, B, C);
    }
  }

  @Test
  void everyFragmentSize() {
    byte[] stream = concat(A, B, C, A);
    for (int size = 1; size <= stream.length; size++) {
      HepStreamFramer f = new HepStreamFramer();
      List<byte[]> got = new ArrayList<>();
      for (int pos = 0; pos < stream.length; pos += size) {
        int n = Math.min(size, stream.length - pos);
        assertThat(
                f.feed(stream, pos, n, (buf, o, l) -> got.add(Arrays.copyOfRange(buf, o, o + l))))
            .isEqualTo(HepResult.OK);
      }
      assertThat(got).as("fragment size %d", size).containsExactly(A, B, C, A);
    }
  }

  @Test
  void framesDecode() {
    HepDecoder decoder = new HepDecoder();
    HepPacket packet = new HepPacket();
    byte[] stream = concat(A, C);
    List<HepResult> results = new ArrayList<>();
    for (int i = 0; i < stream.length; i++) {
      framer.feed(stream, i, 1, (buf, o, n) -> results.add(decoder.decode(buf, o, n, packet)));
    }
    assertThat(results).containsExactly(HepResult.OK, HepResult.OK);
  }

  @Test
  void badMagicKillsTheStream() {
    byte[] stream = concat(A, "OPTIONS sip:x SIP/2.0\r\n".getBytes(StandardCharsets.US_ASCII), B);
    assertThat(feed(stream, 0, stream.length)).isEqualTo(HepResult.BAD_MAGIC);
    assertThat(frames).containsExactly(A);
    assertThat(framer.isDead()).isTrue();
    assertThat(feed(B, 0, B.length)).isEqualTo(HepResult.BAD_MAGIC);
    assertThat(frames).hasSize(1);
  }

  @Test
  void badMagicSplitAcrossReads() {
    byte[] junk = HexVector.parse("48 45 50 32 00 10");
    for (int split = 0; split <= junk.length; split++) {
      HepStreamFramer f = new HepStreamFramer();
      f.feed(junk, 0, split, (buf, o, n) -> {});
      assertThat(f.feed(junk, split, junk.length - split, (buf, o, n) -> {}))
          .isEqualTo(HepResult.BAD_MAGIC);
    }
  }

  @Test
  void totalLengthBelowHeaderKillsTheStream() {
    for (int total = 0; total < 6; total++) {
      HepStreamFramer f = new HepStreamFramer();
      byte[] b = {'H', 'E', 'P', '3', 0, (byte) total, 0, 0, 0, 0};
      assertThat(f.feed(b, 0, b.length, (buf, o, n) -> {})).isEqualTo(HepResult.BAD_TOTAL_LENGTH);
    }
  }

  @Test
  void maximumLengthPacketIsBufferedWithoutOverflow() {
    byte[] big = new byte[HepStreamFramer.MAX_PACKET];
    big[0] = 'H';
    big[1] = 'E';
    big[2] = 'P';
    big[3] = '3';
    big[4] = (byte) 0xff;
    big[5] = (byte) 0xff;
    byte[] stream = concat(big, A);
    for (int pos = 0; pos < stream.length; pos += 4096) {
      assertThat(feed(stream, pos, Math.min(4096, stream.length - pos))).isEqualTo(HepResult.OK);
    }
    assertThat(frames).hasSize(2);
    assertThat(frames.get(0)).hasSize(HepStreamFramer.MAX_PACKET);
    assertThat(frames.get(1)).isEqualTo(A);
  }

  @Test
  void hepV1AndV2OverTcpAreFramedByTheSipContentLengthAtEveryFragmentSize() {
    // issue 12, item 7: v1/v2 have no packet length; the Kamailio INVITE carries a 129-byte body
    byte[] stream = concat(V2, A, V1, V2_IPV6, V2);
    for (int size = 1; size <= stream.length; size++) {
      HepStreamFramer f = new HepStreamFramer();
      List<byte[]> got = new ArrayList<>();
      for (int pos = 0; pos < stream.length; pos += size) {
        int n = Math.min(size, stream.length - pos);
        assertThat(
                f.feed(stream, pos, n, (buf, o, l) -> got.add(Arrays.copyOfRange(buf, o, o + l))))
            .as("fragment size %d", size)
            .isEqualTo(HepResult.OK);
      }
      assertThat(got).as("fragment size %d", size).containsExactly(V2, A, V1, V2_IPV6, V2);
      assertThat(f.pendingBytes()).isZero();
    }
  }

  @Test
  void framedHepV2DecodesToTheWholeSipMessage() {
    HepPacket packet = new HepPacket();
    byte[] stream = concat(V2, V2);
    List<Integer> payloads = new ArrayList<>();
    feed(stream, 0, stream.length);
    for (byte[] frame : frames) {
      assertThat(new HepDecoder().decode(frame, 0, frame.length, packet)).isEqualTo(HepResult.OK);
      payloads.add(packet.payloadLength());
    }
    assertThat(payloads).containsExactly(V2.length - 28, V2.length - 28); // 16 + 12 fixed bytes
  }

  @Test
  void hepV2WithABadContentLengthKillsTheStream() {
    byte[] bad = withContentLength(V2, "12x");
    assertThat(feed(concat(A, bad), 0, A.length + bad.length))
        .isEqualTo(HepResult.BAD_CONTENT_LENGTH);
    assertThat(frames).containsExactly(A);
    assertThat(HepResult.BAD_CONTENT_LENGTH.reason()).isEqualTo("hep_bad_content_length");
  }

  @Test
  void hepV2LargerThanTheLargestPacketKillsTheStream() {
    byte[] big = withContentLength(V2, "70000");
    assertThat(feed(big, 0, big.length)).isEqualTo(HepResult.TOO_LARGE);
    assertThat(HepResult.TOO_LARGE.reason()).isEqualTo("hep_too_large");
    // a header section with no end within 64 KiB, fed in pieces
    HepStreamFramer f = new HepStreamFramer();
    byte[] header = Arrays.copyOf(V2, 40);
    byte[] filler =
        "X-Filler: 0123456789abcdef\r\n".repeat(300).getBytes(StandardCharsets.US_ASCII);
    HepResult r = f.feed(header, 0, header.length, (b, o, n) -> {});
    for (int i = 0; i < 10 && r == HepResult.OK; i++) {
      r = f.feed(filler, 0, filler.length, (b, o, n) -> {});
    }
    assertThat(r).isEqualTo(HepResult.TOO_LARGE);
    assertThat(f.pendingBytes()).isLessThanOrEqualTo(HepStreamFramer.MAX_PACKET);
  }

  @Test
  void aNonHepFirstByteIsABadMagicAndABadV2HeaderABadHeader() {
    assertThat(feed(new byte[] {7, 16, 2}, 0, 3)).isEqualTo(HepResult.BAD_MAGIC);
    HepStreamFramer f = new HepStreamFramer();
    assertThat(f.feed(new byte[] {2, 17, 2}, 0, 3, (b, o, n) -> {}))
        .isEqualTo(HepResult.BAD_HEADER);
  }

  @Test
  void aPrefixOfAnyPacketIsHeldAsPendingUntilTheStreamEnds() {
    // what the listener counts as truncated_at_close when the peer closes here
    for (byte[] packet : List.of(A, V2, V1)) {
      for (int cut = 1; cut < packet.length; cut++) {
        HepStreamFramer f = new HepStreamFramer();
        List<byte[]> got = new ArrayList<>();
        byte[] stream = concat(packet, Arrays.copyOf(packet, cut));
        f.feed(stream, 0, stream.length, (b, o, n) -> got.add(Arrays.copyOfRange(b, o, o + n)));
        assertThat(got).hasSize(1);
        assertThat(f.pendingBytes()).as("cut at %d", cut).isEqualTo(cut);
        assertThat(f.isDead()).isFalse();
      }
    }
  }

  /** {@code packet} (HEPv2 with a Content-Length header) with that header's value replaced. */
  private static byte[] withContentLength(byte[] packet, String value) {
    String text = new String(packet, java.nio.charset.StandardCharsets.ISO_8859_1);
    String changed = text.replaceFirst("Content-Length: +\\d+", "Content-Length: " + value);
    assertThat(changed).isNotEqualTo(text);
    return changed.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
