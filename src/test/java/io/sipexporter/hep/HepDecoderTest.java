package io.sipexporter.hep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HepDecoderTest {
  private final HepDecoder decoder = new HepDecoder();
  private final HepPacket packet = new HepPacket();

  private HepResult decode(byte[] b) {
    return decoder.decode(b, 0, b.length, packet);
  }

  private static String text(byte[] b, int off, int len) {
    return new String(b, off, len, StandardCharsets.US_ASCII);
  }

  private String payload() {
    return text(packet.buffer(), packet.payloadOffset(), packet.payloadLength());
  }

  private byte[] src() {
    int o = packet.srcAddressOffset();
    return Arrays.copyOfRange(packet.buffer(), o, o + packet.srcAddressLength());
  }

  private byte[] dst() {
    int o = packet.dstAddressOffset();
    return Arrays.copyOfRange(packet.buffer(), o, o + packet.dstAddressLength());
  }

  @Test
  void hep3Ipv4() {
    assertThat(decode(HexVector.load("hep/hep3-ipv4-sip.hex"))).isEqualTo(HepResult.OK);
    assertThat(packet.version()).isEqualTo(3);
    assertThat(packet.ipFamily()).isEqualTo(HepPacket.FAMILY_IPV4);
    assertThat(packet.ipProtocol()).isEqualTo(17);
    assertThat(src()).containsExactly(10, 0, 0, 1);
    assertThat(dst()).containsExactly(10, 0, 0, 2);
    assertThat(packet.srcPort()).isEqualTo(5060);
    assertThat(packet.dstPort()).isEqualTo(5080);
    assertThat(packet.timestampSeconds()).isEqualTo(1_700_000_000L);
    assertThat(packet.timestampMicros()).isEqualTo(123_456);
    assertThat(packet.protocolType()).isEqualTo(HepPacket.PROTO_SIP);
    assertThat(packet.isSip()).isTrue();
    assertThat(packet.captureAgentId()).isEqualTo(2001);
    assertThat(packet.authKeyLength()).isZero();
    assertThat(packet.correlationIdLength()).isZero();
    assertThat(payload()).startsWith("OPTIONS sip:probe@10.0.0.2 SIP/2.0\r\n").endsWith("\r\n\r\n");
  }

  @Test
  void twoPayloadChunksAreADuplicatePayloadAndNeitherIsRead() {
    byte[] packet = HexVector.load("hep/issue-12-two-payload-chunks.hex");
    assertThat(decode(packet)).isEqualTo(HepResult.DUPLICATE_PAYLOAD);
    assertThat(HepResult.DUPLICATE_PAYLOAD.reason()).isEqualTo("hep_duplicate_payload");
  }

  @Test
  void hep3Ipv6WithUnsignedCaptureId() {
    assertThat(decode(HexVector.load("hep/hep3-ipv6-sip.hex"))).isEqualTo(HepResult.OK);
    assertThat(packet.ipFamily()).isEqualTo(HepPacket.FAMILY_IPV6);
    assertThat(packet.ipProtocol()).isEqualTo(6);
    assertThat(src()).hasSize(16).startsWith(0x20, 0x01, 0x0d, 0xb8).endsWith(1);
    assertThat(dst()).hasSize(16).endsWith(2);
    assertThat(packet.srcPort()).isEqualTo(5061);
    assertThat(packet.timestampMicros()).isEqualTo(999_999);
    assertThat(packet.captureAgentId()).isEqualTo(4_294_967_294L);
    assertThat(payload()).startsWith("OPTIONS ");
  }

  @Test
  void vendorAndUnknownChunksAreSkipped() {
    assertThat(decode(HexVector.load("hep/hep3-vendor-unknown-chunks.hex")))
        .isEqualTo(HepResult.OK);
    assertThat(packet.captureAgentId()).isEqualTo(2001);
    assertThat(payload()).startsWith("OPTIONS ").endsWith("\r\n\r\n");
  }

  @Test
  void rtcpIsReportedByType() {
    assertThat(decode(HexVector.load("hep/hep3-rtcp.hex"))).isEqualTo(HepResult.OK);
    assertThat(packet.protocolType()).isEqualTo(HepPacket.PROTO_RTCP);
    assertThat(packet.isSip()).isFalse();
    assertThat(packet.payloadLength()).isEqualTo(28);
  }

  @Test
  void authKeyAndCorrelationId() {
    assertThat(decode(HexVector.load("hep/hep3-auth-key.hex"))).isEqualTo(HepResult.OK);
    byte[] b = packet.buffer();
    assertThat(text(b, packet.authKeyOffset(), packet.authKeyLength())).isEqualTo("s3cret");
    assertThat(text(b, packet.correlationIdOffset(), packet.correlationIdLength()))
        .isEqualTo("hep-vector-1");
    assertThat(new HepAuthKey("s3cret").matches(packet)).isTrue();
    assertThat(new HepAuthKey("s3cre").matches(packet)).isFalse();
    assertThat(new HepAuthKey("s3cret!").matches(packet)).isFalse();
    assertThat(new HepAuthKey("S3cret").matches(packet)).isFalse();
    assertThat(new HepAuthKey("").matches(packet)).isFalse();
  }

  @Test
  void missingAuthKeyNeverMatches() {
    decode(HexVector.load("hep/hep3-ipv4-sip.hex"));
    assertThat(new HepAuthKey("s3cret").matches(packet)).isFalse();
  }

  @Test
  void hep2FromRealKamailioHasLittleEndianTimeBlock() {
    assertThat(decode(HexVector.load("hep/hep2-kamailio-invite.hex"))).isEqualTo(HepResult.OK);
    assertThat(packet.version()).isEqualTo(2);
    assertThat(packet.ipFamily()).isEqualTo(HepPacket.FAMILY_IPV4);
    assertThat(packet.ipProtocol()).isEqualTo(17);
    assertThat(src()).containsExactly(127, 0, 0, 1);
    assertThat(packet.srcPort()).isEqualTo(5099);
    assertThat(packet.dstPort()).isEqualTo(5070);
    assertThat(packet.timestampSeconds()).isEqualTo(1_795_592_551L); // 2026-11-25, the capture day
    assertThat(packet.timestampMicros()).isEqualTo(333_851);
    assertThat(packet.captureAgentId()).isEqualTo(4660); // hep_capture_id
    assertThat(packet.protocolType()).isEqualTo(HepPacket.PROTO_SIP);
    assertThat(payload()).startsWith("INVITE sip:service@127.0.0.1:5070 SIP/2.0\r\n");
  }

  @Test
  void hep2Ipv6() {
    assertThat(decode(HexVector.load("hep/hep2-ipv6.hex"))).isEqualTo(HepResult.OK);
    assertThat(packet.ipFamily()).isEqualTo(HepPacket.FAMILY_IPV6);
    assertThat(src()).hasSize(16).endsWith(1);
    assertThat(dst()).hasSize(16).endsWith(2);
    assertThat(packet.srcPort()).isEqualTo(5061);
    assertThat(packet.timestampSeconds()).isEqualTo(1_700_000_000L);
    assertThat(packet.timestampMicros()).isEqualTo(654_321);
    assertThat(packet.captureAgentId()).isEqualTo(4660);
    assertThat(payload()).startsWith("OPTIONS ");
  }

  @Test
  void hep1HasNoTimeBlock() {
    assertThat(decode(HexVector.load("hep/hep1-ipv4.hex"))).isEqualTo(HepResult.OK);
    assertThat(packet.version()).isEqualTo(1);
    assertThat(packet.timestampSeconds()).isZero();
    assertThat(packet.dstPort()).isEqualTo(5080);
    assertThat(payload()).startsWith("OPTIONS ");
  }

  @Test
  void decodesAtAnOffsetWithinALargerBuffer() {
    byte[] v = HexVector.load("hep/hep3-ipv4-sip.hex");
    byte[] big = new byte[v.length + 20];
    System.arraycopy(v, 0, big, 7, v.length);
    assertThat(decoder.decode(big, 7, v.length, packet)).isEqualTo(HepResult.OK);
    assertThat(payload()).startsWith("OPTIONS ");
    assertThat(src()).containsExactly(10, 0, 0, 1);
  }

  @Test
  void looksLikeHep() {
    for (String v :
        new String[] {"hep3-ipv4-sip", "hep2-ipv6", "hep2-kamailio-invite", "hep1-ipv4"}) {
      byte[] b = HexVector.load("hep/" + v + ".hex");
      assertThat(HepDecoder.looksLikeHep(b, 0, b.length)).as(v).isTrue();
    }
    byte[] sip = "OPTIONS sip:a SIP/2.0\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(HepDecoder.looksLikeHep(sip, 0, sip.length)).isFalse();
    assertThat(HepDecoder.looksLikeHep(new byte[0], 0, 0)).isFalse();
  }
}
