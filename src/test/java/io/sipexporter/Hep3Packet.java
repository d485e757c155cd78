package io.sipexporter;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Test helper: builds HEPv3 packets the way capture agents send them (generic chunks, vendor 0).
 */
public final class Hep3Packet {
  private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();

  /** An IPv4/UDP SIP packet from 192.0.2.1:5060 to 192.0.2.2:5060 at the given capture time. */
  public static Hep3Packet sip(byte[] payload, long seconds, int micros) {
    return sip(payload, seconds, micros, 2001);
  }

  /** As {@link #sip(byte[], long, int)}, from capture agent {@code captureId} (chunk 12). */
  public static Hep3Packet sip(byte[] payload, long seconds, int micros, long captureId) {
    return new Hep3Packet()
        .u8(1, 2) // IP family: IPv4
        .u8(2, 17) // IP protocol: UDP
        .bytes(3, new byte[] {(byte) 192, 0, 2, 1})
        .bytes(4, new byte[] {(byte) 192, 0, 2, 2})
        .u16(7, 5060)
        .u16(8, 5060)
        .u32(9, seconds)
        .u32(10, micros)
        .u8(11, 1) // protocol type: SIP
        .u32(12, captureId) // capture agent id
        .bytes(15, payload);
  }

  public Hep3Packet u8(int type, int value) {
    return bytes(type, new byte[] {(byte) value});
  }

  public Hep3Packet u16(int type, int value) {
    return bytes(type, ByteBuffer.allocate(2).putShort((short) value).array());
  }

  public Hep3Packet u32(int type, long value) {
    return bytes(type, ByteBuffer.allocate(4).putInt((int) value).array());
  }

  /** Appends a generic chunk: vendor 0, type, length including the 6-byte chunk header, value. */
  public Hep3Packet bytes(int type, byte[] value) {
    ByteBuffer b = ByteBuffer.allocate(6 + value.length);
    b.putShort((short) 0).putShort((short) type).putShort((short) (6 + value.length)).put(value);
    chunks.writeBytes(b.array());
    return this;
  }

  /** The packet: "HEP3", total length, chunks. */
  public byte[] build() {
    byte[] body = chunks.toByteArray();
    ByteBuffer b = ByteBuffer.allocate(6 + body.length);
    b.put(new byte[] {'H', 'E', 'P', '3'}).putShort((short) (6 + body.length)).put(body);
    return b.array();
  }
}
