package io.sipexporter.transaction;

import io.sipexporter.sip.SipMessage;

/**
 * The 64-bit keys of transactions and calls, hashed from the message bytes without allocating. A
 * key is never 0, the table's empty mark.
 */
final class KeyHash {
  private static final byte[] COOKIE = {'z', '9', 'h', 'G', '4', 'b', 'K'};
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private KeyHash() {}

  /**
   * RFC 3261 17.1.3 / 17.2.3: a transaction is the top Via branch plus the CSeq method, when the
   * branch starts with the magic cookie z9hG4bK; otherwise (RFC 2543 peers) the Call-ID, CSeq
   * number and method.
   */
  static long transaction(SipMessage msg) {
    byte[] buf = msg.buffer();
    long h;
    if (hasCookie(buf, msg.branchOffset(), msg.branchLength())) {
      h = bytes(FNV_OFFSET, buf, msg.branchOffset(), msg.branchLength());
    } else {
      h = bytes(FNV_OFFSET ^ 0x2543, buf, msg.callIdOffset(), msg.callIdLength());
      h = (h ^ msg.cseqNumber()) * FNV_PRIME;
    }
    h = (h ^ (msg.cseqMethod().ordinal() + 1)) * FNV_PRIME;
    return nonZero(mix(h));
  }

  /** A call is its Call-ID (RFC 3261 12: with the two tags it names a dialog). */
  static long call(SipMessage msg) {
    return nonZero(mix(bytes(FNV_OFFSET, msg.buffer(), msg.callIdOffset(), msg.callIdLength())));
  }

  /** A 32-bit hash of the From tag; the same for an absent and an empty tag. */
  static int fromTag(SipMessage msg) {
    return tag(msg.buffer(), msg.fromTagOffset(), msg.fromTagLength());
  }

  /** A 32-bit hash of the To tag, read only when asked for (a provisional needs none). */
  static int toTag(SipMessage msg) {
    return tag(msg.buffer(), msg.toTagOffset(), msg.toTagLength());
  }

  private static int tag(byte[] buf, int off, int len) {
    long h = mix(bytes(FNV_OFFSET, buf, off, len));
    return (int) (h ^ (h >>> 32));
  }

  private static boolean hasCookie(byte[] buf, int off, int len) {
    return len > COOKIE.length
        && java.util.Arrays.equals(buf, off, off + COOKIE.length, COOKIE, 0, COOKIE.length);
  }

  /** FNV-1a over buf[off, off+len). */
  private static long bytes(long h, byte[] buf, int off, int len) {
    for (int i = off; i < off + len; i++) {
      h = (h ^ (buf[i] & 0xff)) * FNV_PRIME;
    }
    return h;
  }

  /** The MurmurHash3 finalizer: spreads FNV's low bits, which pick the slot. */
  private static long mix(long h) {
    h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
    h = (h ^ (h >>> 33)) * 0xc4ceb9cc1a85ec53L;
    return h ^ (h >>> 33);
  }

  private static long nonZero(long h) {
    return h == 0 ? 1 : h;
  }
}
