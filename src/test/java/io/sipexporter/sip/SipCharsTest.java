package io.sipexporter.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SipChars: the word-at-a-time searches against plain loops, the word reader at the array's end,
 * and the bounded decimal reader.
 */
class SipCharsTest {
  /** A word-at-a-time search under test, and the byte test a plain loop stops at. */
  private interface Search {
    int indexOf(byte[] buf, int from, int to);
  }

  @Test
  void indexOfLfMatchesAPlainLoopAtEveryAlignment() {
    agreesWithPlainLoop(SipChars::indexOfLf, b -> b == '\n', "\n");
  }

  @Test
  void indexOfMatchesAPlainLoopAtEveryAlignment() {
    agreesWithPlainLoop(
        (buf, from, to) -> SipChars.indexOf(buf, from, to, SipChars.every('>')),
        b -> b == '>',
        ">");
  }

  @Test
  void containsMatchesAPlainLoopAtEveryAlignment() {
    long comma = SipChars.every(',');
    agreesWithPlainLoop(
        (buf, from, to) -> {
          int i = SipChars.indexOf(buf, from, to, comma); // -1 when contains says otherwise
          return SipChars.contains(buf, from, to, comma) == (i < to) ? i : -1;
        },
        b -> b == ',',
        ",");
  }

  @Test
  void indexOfAnyMatchesAPlainLoopAtEveryAlignment() {
    long semi = SipChars.every(';');
    long comma = SipChars.every(',');
    long quote = SipChars.every('"');
    agreesWithPlainLoop(
        (buf, from, to) -> SipChars.indexOfAny(buf, from, to, semi, comma, quote),
        b -> b == ';' || b == ',' || b == '"',
        ";,\"");
  }

  @Test
  void indexOfSpaceOrControlMatchesAPlainLoopAtEveryAlignment() {
    agreesWithPlainLoop(SipChars::indexOfSpaceOrControl, b -> b <= ' ', " \t\r\n\0!\u007f");
  }

  @Test
  void wordReadsZerosPastTheArrayEnd() {
    byte[] b = "abcdefghij".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(SipChars.word(b, 0)).isEqualTo(0x6867666564636261L);
    assertThat(SipChars.word(b, 4)).isEqualTo(0x00006a6968676665L);
    assertThat(SipChars.word(b, 8)).isEqualTo(0x6a69L);
    assertThat(SipChars.word(b, 10)).isZero();
  }

  /**
   * Random bytes, dense in the searched-for ones, in the neighbours the bit tricks could confuse
   * with them (one bit away, just below and above) and in non-ASCII: every window [from, to) of a
   * 64-byte buffer must give the plain loop's answer.
   */
  private static void agreesWithPlainLoop(
      Search search, java.util.function.IntPredicate stop, String targets) {
    Random rnd = new Random(5);
    byte[] buf = new byte[64];
    for (int round = 0; round < 20_000; round++) {
      for (int i = 0; i < buf.length; i++) {
        int t = targets.charAt(rnd.nextInt(targets.length()));
        buf[i] =
            (byte)
                switch (rnd.nextInt(12)) {
                  case 0 -> t;
                  case 1 -> t ^ 1;
                  case 2 -> t + 1;
                  case 3 -> t - 1;
                  case 4 -> 0x80 + rnd.nextInt(128);
                  case 5 -> t ^ 0x80;
                  default -> 0x21 + rnd.nextInt(0x5e);
                };
      }
      int from = rnd.nextInt(buf.length + 1);
      int to = from + rnd.nextInt(buf.length - from + 1);
      int expected = from;
      while (expected < to && !stop.test(buf[expected])) {
        expected++;
      }
      assertThat(search.indexOf(buf, from, to))
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
