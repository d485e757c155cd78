package io.sipexporter.hep;

import java.nio.charset.StandardCharsets;

/**
 * The expected HEPv3 auth key ({@code --hep.auth-key}), compared with a packet's chunk 14 in time
 * independent of where they differ.
 *
 * <pre>{@code
 * HepAuthKey key = new HepAuthKey("s3cret");
 * if (!key.matches(packet)) { errors.count(HepResult.BAD_AUTH_KEY); return; }
 * }</pre>
 */
public final class HepAuthKey {
  private final byte[] expected;

  public HepAuthKey(String key) {
    this.expected = key.getBytes(StandardCharsets.UTF_8);
  }

  /** True when the packet carries exactly the expected key. */
  public boolean matches(HepPacket packet) {
    return matches(packet.buffer(), packet.authKeyOffset(), packet.authKeyLength());
  }

  /** Constant-time for a given expected key: always walks the whole expected key. */
  public boolean matches(byte[] buf, int off, int len) {
    int diff = expected.length ^ len;
    for (int i = 0; i < expected.length; i++) {
      byte actual = i < len ? buf[off + i] : 0;
      diff |= expected[i] ^ actual;
    }
    return diff == 0;
  }
}
