package io.sipexporter.sip;

/**
 * A lower-case ASCII name of one to eight bytes, compared with eight message bytes in one step,
 * ignoring case: the scanner's header and parameter names.
 *
 * <pre>{@code
 * LowerWord via = LowerWord.of("via");
 * via.prefixOf(SipChars.word(buf, p)); // "Via", "VIA", "via" ...
 * }</pre>
 */
record LowerWord(long bytes, long caseBits, long mask, int length) {

  /** The name {@code lower}: lower-case letters, digits and punctuation, one to eight bytes. */
  static LowerWord of(String lower) {
    long bytes = 0;
    long caseBits = 0;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      bytes |= (long) c << (8 * i);
      if (c >= 'a' && c <= 'z') {
        caseBits |= 0x20L << (8 * i); // OR-ing it lower-cases exactly the letters
      }
    }
    long mask = lower.length() == 8 ? -1L : (1L << (8 * lower.length())) - 1;
    return new LowerWord(bytes, caseBits, mask, lower.length());
  }

  /**
   * True when the first {@link #length} bytes of the little-endian word {@code w} spell this name
   * in any case. Exact: only a letter's two cases differ in the 0x20 bit alone.
   */
  boolean prefixOf(long w) {
    return ((w | caseBits) & mask) == bytes;
  }
}
