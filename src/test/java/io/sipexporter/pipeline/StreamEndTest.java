package io.sipexporter.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sipexporter.core.Ingest;
import io.sipexporter.hep.HexVector;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A TCP stream that ends at any byte of a message counts the cut message as {@code
 * truncated_at_close}, for SIP and HEP (v3 and v2) alike; one that ends between messages counts
 * nothing lost.
 */
class StreamEndTest {
  private static final byte[] SIP =
      ("MESSAGE sip:b@192.0.2.2 SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bK-e1\r\n"
              + "Call-ID: e1\r\nCSeq: 1 MESSAGE\r\nContent-Length: 5\r\n\r\nhello")
          .getBytes(StandardCharsets.US_ASCII);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SipPipeline pipeline = DefaultPipeline.over(registry);
  private double truncatedBefore;
  private double receivedBefore;

  /** Remembers the counts so far: each case asserts what it added. */
  private void fresh(String input) {
    truncatedBefore = truncated(input);
    receivedBefore = received(input);
  }

  @Test
  void sipStreamClosedAtEveryByteOfAMessage() {
    for (int cut = 0; cut <= SIP.length; cut++) {
      fresh("sip");
      endAfter(new SipIngest(pipeline, 65535).openStream(), SIP, cut);
      assertCounted("sip", cut, SIP.length);
    }
  }

  @Test
  void hepStreamClosedAtEveryByteOfAPacket() {
    for (String vector : new String[] {"hep/hep3-ipv4-sip.hex", "hep/hep2-kamailio-invite.hex"}) {
      byte[] packet = HexVector.load(vector);
      for (int cut = 0; cut <= packet.length; cut++) {
        fresh("hep");
        endAfter(new HepIngest(pipeline, null).openStream(), packet, cut);
        assertCounted("hep", cut, packet.length);
      }
    }
  }

  /** Sends one whole message, then {@code cut} bytes of the same again, then closes. */
  private static void endAfter(Ingest.Stream stream, byte[] message, int cut) {
    assertThat(stream.feed(message, 0, message.length)).isNull();
    assertThat(stream.feed(Arrays.copyOf(message, cut), 0, cut)).isNull();
    stream.close();
  }

  private void assertCounted(String input, int cut, int length) {
    boolean cutShort = cut > 0 && cut < length;
    assertThat(truncated(input) - truncatedBefore)
        .as("%s cut at %d of %d", input, cut, length)
        .isEqualTo(cutShort ? 1 : 0);
    assertThat(received(input) - receivedBefore)
        .as("received, %s cut at %d", input, cut)
        .isEqualTo(cut == length ? 2 : 1 + (cutShort ? 1 : 0));
  }

  private double truncated(String input) {
    return count("sip.exporter.parse.errors", "input", input, "reason", "truncated_at_close");
  }

  private double received(String input) {
    return count("sip.exporter.messages.received", "input", input, "transport", "tcp");
  }

  private double count(String name, String... tags) {
    Counter c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }
}
