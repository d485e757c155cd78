package io.sipexporter.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sipexporter.hep.HexVector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random corruption and truncation of valid captures: never an exception, never a hang. */
class CaptureFuzzTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "eth-qinq-vlan-udp.pcap",
        "sll2-ipv6-udp.pcapng",
        "null-udp.pcap",
        "eth-ipv4-fragments.pcapng",
        "eth-ipv6-fragments.pcapng",
        "eth-tcp-reordered.pcapng",
        "sipp-3calls-tcp.pcap",
        "sipp-3calls-udp.pcapng",
        "pcapng-big-endian-tsresol.hex"
      })
  void corruptedCapturesNeverThrow(String name) throws IOException {
    byte[] valid = name.endsWith(".hex") ? HexVector.load("pcap/" + name) : resource(name);
    Random random = new Random(name.hashCode());
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          for (int i = 0; i < 500; i++) {
            byte[] b = valid.clone();
            for (int k = random.nextInt(12); k >= 0; k--) {
              b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            if (random.nextBoolean()) {
              b = Arrays.copyOf(b, random.nextInt(b.length + 1));
            }
            assertThat(SipCounter.read(new ByteArrayInputStream(b))).isNotNull();
          }
        });
  }

  @Test
  void randomFramesOfEveryLinkTypeNeverThrow() throws IOException {
    byte[] seed = resource("eth-tcp-reordered.pcapng");
    Random random = new Random(7);
    SipCounter sink = new SipCounter();
    PacketDecoder decoder = new PacketDecoder(sink, sink);
    int[] linkTypes = {0, 1, 101, 108, 113, 228, 229, 276, 147};
    for (int i = 0; i < 50_000; i++) {
      byte[] frame = new byte[random.nextInt(120)];
      int from = random.nextInt(seed.length - frame.length);
      System.arraycopy(seed, from, frame, 0, frame.length); // real-ish header bytes
      for (int k = random.nextInt(4); k > 0 && frame.length > 0; k--) {
        frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
      }
      int linkType = linkTypes[random.nextInt(linkTypes.length)];
      decoder.decode(new CaptureFrame().set(frame, 0, frame.length, linkType, i / 100, 0));
    }
    decoder.finish();
    assertThat(sink.errors).containsKey("pcap_unsupported_linktype");
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = CaptureFuzzTest.class.getResourceAsStream("/pcap/" + name)) {
      return in.readAllBytes();
    }
  }
}
