package io.sipexporter.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * LowerWord: the one-step compare accepts exactly the name's spellings in any letter case, and
 * nothing that differs in any byte, whatever follows the name.
 */
class LowerWordTest {
  @Test
  void everyCaseOfEveryLetterMatchesAndEveryOtherByteDoesNot() {
    for (String name : new String[] {"via", "call-id", "content-", "branch", "tag", "t"}) {
      LowerWord word = LowerWord.of(name);
      byte[] bytes = (name + "::::::::").getBytes(StandardCharsets.US_ASCII);
      assertThat(word.prefixOf(SipChars.word(bytes, 0))).as(name).isTrue();
      for (int i = 0; i < name.length(); i++) {
        byte original = bytes[i];
        for (int b = 0; b < 256; b++) {
          bytes[i] = (byte) b;
          boolean sameIgnoringCase =
              b == original || (Character.isLetter(original) && b == (original ^ 0x20));
          assertThat(word.prefixOf(SipChars.word(bytes, 0)))
              .as("%s with byte %d = 0x%02x", name, i, b)
              .isEqualTo(sameIgnoringCase);
        }
        bytes[i] = original;
      }
    }
  }

  @Test
  void bytesAfterTheNameDoNotMatter() {
    LowerWord via = LowerWord.of("via");
    for (int b = 0; b < 256; b++) {
      byte[] bytes = {'V', 'i', 'A', (byte) b, (byte) (255 - b), 0, 0, 0};
      assertThat(via.prefixOf(SipChars.word(bytes, 0))).isTrue();
    }
  }
}
