package io.sipexporter.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** SipChars: the word-at-a-time LF search against a plain loop, and the bounded decimal reader. */
class SipCharsTest {
  @Test
  void indexOfLfMatchesAPlainLoopAtEveryAlignment() {
    Random rnd = new Random(5);
    byte[] buf = new byte[64];
    for (int round = 0; round < 5_000; round++) {
      for (int i = 0; i < buf.length; i++) {
        int kind = rnd.nextInt(10);
        buf[i] =
            kind == 0
                ? (byte) '\n'
                : kind == 1
                    ? (byte) (0x80 + rnd.nextInt(128))
                    : kind == 2 ? 0x0b : (byte) rnd.nextInt(128);
      }
      int from = rnd.nextInt(buf.length + 1);
      int to = from + rnd.nextInt(buf.length - from + 1);
      int expected = from;
      while (expected < to && buf[expected] != '\n') {
        expected++;
      }
      assertThat(SipChars.indexOfLf(buf, from, to))
          .as("round %d [%d, %d)", round, from, to)
          .isEqualTo(expected);
    }
  }

  @Test
  void digitsAreBoundedAndNeverOverflow() {
    byte[] b =
        "0 42 2147483647 2147483648 99999999999999999999999 4a2"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(SipChars.digits(b, 0, 1, Integer.MAX_VALUE)).isZero();
    assertThat(SipChars.digits(b, 2, 4, Integer.MAX_VALUE)).isEqualTo(42);
    assertThat(SipChars.digits(b, 5, 15, Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    assertThat(SipChars.digits(b, 16, 26, Integer.MAX_VALUE)).isEqualTo(-1);
    assertThat(SipChars.digits(b, 27, 50, Integer.MAX_VALUE)).isEqualTo(-1);
    assertThat(SipChars.digits(b, 51, 54, Integer.MAX_VALUE)).isEqualTo(-1);
    assertThat(SipChars.digits(b, 3, 3, Integer.MAX_VALUE)).isEqualTo(-1);
  }
}
