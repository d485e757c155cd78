package io.sipexporter.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SipMethod.match: exact, case-sensitive, at any offset, up to the array's last byte. */
class SipMethodTest {
  @Test
  void everyMethodMatchesItselfMidBufferAndAtTheArrayEnd() {
    for (SipMethod m : SipMethod.values()) {
      if (m == SipMethod.OTHER) {
        continue;
      }
      byte[] alone = ascii(m.name());
      assertThat(SipMethod.match(alone, 0, alone.length)).isEqualTo(m);
      byte[] inLine = ascii("x " + m.name() + " sip:a@b SIP/2.0");
      assertThat(SipMethod.match(inLine, 2, m.name().length())).isEqualTo(m);
    }
  }

  @Test
  void nearMissesAreOther() {
    for (SipMethod m : SipMethod.values()) {
      String name = m.name();
      if (m == SipMethod.OTHER) {
        continue;
      }
      for (int i = 0; i < name.length(); i++) {
        byte[] b = ascii(name);
        b[i] ^= 0x20; // RFC 3261 7.1: methods are case-sensitive
        assertThat(SipMethod.match(b, 0, b.length))
            .as(new String(b, StandardCharsets.US_ASCII))
            .isEqualTo(SipMethod.OTHER);
        b[i] ^= 0x20 ^ 0x01;
        assertThat(SipMethod.match(b, 0, b.length))
            .as(new String(b, StandardCharsets.US_ASCII))
            .isEqualTo(SipMethod.OTHER);
      }
      byte[] longer = ascii(name + "X");
      assertThat(SipMethod.match(longer, 0, longer.length)).isEqualTo(SipMethod.OTHER);
      assertThat(SipMethod.match(longer, 0, name.length() - 1)).isEqualTo(SipMethod.OTHER);
    }
    byte[] other = ascii("OTHER FOOBAR X");
    assertThat(SipMethod.match(other, 0, 5)).isEqualTo(SipMethod.OTHER);
    assertThat(SipMethod.match(other, 6, 6)).isEqualTo(SipMethod.OTHER);
    assertThat(SipMethod.match(other, 13, 1)).isEqualTo(SipMethod.OTHER);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
