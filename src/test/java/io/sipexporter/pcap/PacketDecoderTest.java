package io.sipexporter.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketDecoderTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "eth-qinq-vlan-udp.pcap",
        "sll-udp.pcap",
        "sll2-ipv6-udp.pcapng",
        "raw-ip-udp.pcap",
        "ipv4-udp.pcap",
        "ipv4-udp-nsec.pcap",
        "ipv6-udp.pcapng",
        "null-udp.pcap",
        "loop-udp.pcap"
      })
  void everyLinkTypeYieldsTheSipMessages(String capture) throws IOException {
    SipCounter c = SipCounter.read(capture);
    // tshark -z sip,stat on each file: OPTIONS 1, SIP 200 OK 1
    assertThat(c.messages).containsExactly(entry("200", 1), entry("OPTIONS", 1));
    assertThat(c.errors).isEmpty();
    assertThat(c.kinds).containsOnly(PayloadKind.SIP);
  }

  @Test
  void ipv4FragmentsReassembledOutOfOrder() throws IOException {
    SipCounter c = SipCounter.read("eth-ipv4-fragments.pcapng");
    assertThat(c.messages).containsExactly(entry("100", 1), entry("INVITE", 1));
    // the lone first fragment of a second INVITE never completes
    assertThat(c.errors).containsExactly(entry("ip_fragment_timeout", 1));
  }

  @Test
  void ipv6FragmentsAfterHopByHopHeader() throws IOException {
    SipCounter c = SipCounter.read("eth-ipv6-fragments.pcapng");
    assertThat(c.messages).containsExactly(entry("MESSAGE", 1));
    assertThat(c.errors).isEmpty();
  }

  @Test
  void tcpSegmentsReorderedAndRetransmitted() throws IOException {
    SipCounter c = SipCounter.read("eth-tcp-reordered.pcapng");
    // tshark -o tcp.reassemble_out_of_order:TRUE -z sip,stat: REGISTER 1, 100 1, 200 1
    assertThat(c.messages).containsExactly(entry("100", 1), entry("200", 1), entry("REGISTER", 1));
    assertThat(c.errors).isEmpty();
    assertThat(c.gaps).isZero();
    assertThat(c.opened).isEqualTo(2);
    assertThat(c.closed).isEqualTo(2);
  }

  @Test
  void hepInUdpIsGuessedByContent() throws IOException {
    SipCounter c = SipCounter.read("eth-hep3-udp.pcap");
    assertThat(c.kinds).containsExactly(PayloadKind.HEP);
    assertThat(c.messages).isEmpty();
  }

  @Test
  void realSippUdpCapture() throws IOException {
    // tshark -d udp.port==25060,sip -z sip,stat: INVITE 3, ACK 3, BYE 3, 180 3, 200 6
    assertThat(SipCounter.read("sipp-3calls-udp.pcapng").messages).isEqualTo(sippThreeCalls());
  }

  @Test
  void realSippTcpCapture() throws IOException {
    SipCounter c = SipCounter.read("sipp-3calls-tcp.pcap");
    assertThat(c.messages).isEqualTo(sippThreeCalls());
    assertThat(c.errors).isEmpty();
  }

  @Test
  void nanosecondAndMicrosecondCapturesAgreeOnTime() throws IOException {
    assertThat(SipCounter.read("ipv4-udp-nsec.pcap").timestamps)
        .isEqualTo(SipCounter.read("ipv4-udp.pcap").timestamps)
        .isNotEmpty();
  }

  private static Map<String, Integer> sippThreeCalls() {
    return Map.of("INVITE", 3, "ACK", 3, "BYE", 3, "180", 3, "200", 6);
  }
}
