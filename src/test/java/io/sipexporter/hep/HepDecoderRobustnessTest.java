package io.sipexporter.hep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HepDecoderRobustnessTest {
  private final HepDecoder decoder = new HepDecoder();
  private final HepPacket packet = new HepPacket();

  private HepResult decode(byte[] b) {
    return decoder.decode(b, 0, b.length, packet);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"hep3-ipv4-sip", "hep3-ipv6-sip", "hep3-vendor-unknown-chunks", "hep3-auth-key"})
  void everyTruncationOfHep3IsACleanError(String name) {
    byte[] full = HexVector.load("hep/" + name + ".hex");
    for (int n = 0; n < full.length; n++) {
      HepResult r = decode(Arrays.copyOf(full, n));
      assertThat(r).as("truncated to %d", n).isIn(HepResult.TRUNCATED, HepResult.BAD_MAGIC);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hep2-kamailio-invite", "hep2-ipv6", "hep1-ipv4"})
  void everyTruncationOfHep2IsACleanResult(String name) {
    byte[] full = HexVector.load("hep/" + name + ".hex");
    for (int n = 0; n < full.length; n++) {
      HepResult r = decode(Arrays.copyOf(full, n));
      // v1/v2 have no total length: a cut inside the payload is still a (shorter) packet
      assertThat(r)
          .as("truncated to %d", n)
          .isIn(HepResult.TRUNCATED, HepResult.NO_PAYLOAD, HepResult.OK);
    }
  }

  @Test
  void totalLengthMustMatchTheDatagram() {
    byte[] v = HexVector.load("hep/hep3-ipv4-sip.hex");
    assertThat(decode(Arrays.copyOf(v, v.length + 1))).isEqualTo(HepResult.BAD_TOTAL_LENGTH);
    for (int total : new int[] {0, 1, 5}) {
      byte[] b = v.clone();
      b[4] = 0;
      b[5] = (byte) total;
      assertThat(decode(b)).as("total %d", total).isEqualTo(HepResult.BAD_TOTAL_LENGTH);
    }
  }

  @Test
  void everyChunkLengthCorruptionIsACleanError() {
    byte[] v = HexVector.load("hep/hep3-auth-key.hex");
    for (int at = 6; at + 6 <= v.length; ) {
      int len = HepDecoder.u16(v, at + 4);
      for (int bad : new int[] {0, 1, 5, 0xffff, v.length - at + 1}) {
        byte[] b = v.clone();
        b[at + 4] = (byte) (bad >> 8);
        b[at + 5] = (byte) bad;
        assertThat(decode(b)).as("chunk at %d length %d", at, bad).isNotEqualTo(HepResult.OK);
      }
      at += len;
    }
  }

  @Test
  void zeroChunkLengthDoesNotLoop() {
    byte[] b = HexVector.parse("48 45 50 33 00 0c  00 00 00 0f 00 00");
    assertThat(decode(b)).isEqualTo(HepResult.BAD_CHUNK_LENGTH);
  }

  @Test
  void tooManyChunks() {
    int chunks = HepDecoder.MAX_CHUNKS + 1;
    byte[] b = new byte[6 + 6 * chunks];
    b[0] = 'H';
    b[1] = 'E';
    b[2] = 'P';
    b[3] = '3';
    b[4] = (byte) (b.length >> 8);
    b[5] = (byte) b.length;
    for (int i = 0; i < chunks; i++) {
      b[6 + 6 * i + 3] = 0x13; // generic type 19, empty value
      b[6 + 6 * i + 5] = 6;
    }
    assertThat(decode(b)).isEqualTo(HepResult.TOO_MANY_CHUNKS);
  }

  @Test
  void fixedSizeChunkOfWrongSize() {
    byte[] b = HexVector.parse("48 45 50 33 00 0d  00 00 00 07 00 07  13");
    assertThat(decode(b)).isEqualTo(HepResult.BAD_CHUNK_VALUE);
  }

  @Test
  void noPayloadAndCompressedPayload() {
    assertThat(decode(HexVector.parse("48 45 50 33 00 0d  00 00 00 0b 00 07  01")))
        .isEqualTo(HepResult.NO_PAYLOAD);
    assertThat(decode(HexVector.parse("48 45 50 33 00 0e  00 00 00 10 00 08  78 9c")))
        .isEqualTo(HepResult.COMPRESSED_PAYLOAD);
  }

  @Test
  void badMagicAndBadV2Header() {
    assertThat(decode(HexVector.parse("48 45 50 34 00 06"))).isEqualTo(HepResult.BAD_MAGIC);
    assertThat(decode(HexVector.parse("4f 50 54 49 4f 4e 53"))).isEqualTo(HepResult.BAD_MAGIC);
    assertThat(decode(new byte[0])).isEqualTo(HepResult.TRUNCATED);
    // v2 with IPv4 family but the IPv6 header length
    assertThat(decode(HexVector.parse("02 28 02 11 13 c4 13 c4"))).isEqualTo(HepResult.BAD_HEADER);
  }

  @Test
  void randomCorruptionNeverThrows() {
    Random random = new Random(5);
    String[] names = {"hep3-ipv4-sip", "hep3-auth-key", "hep2-kamailio-invite", "hep2-ipv6"};
    byte[][] vectors =
        Arrays.stream(names).map(n -> HexVector.load("hep/" + n + ".hex")).toArray(byte[][]::new);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = vectors[i % vectors.length].clone();
      for (int k = random.nextInt(8); k >= 0; k--) {
        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      }
      b = Arrays.copyOf(b, random.nextInt(b.length + 1));
      assertThat(decode(b)).isNotNull();
    }
  }
}
