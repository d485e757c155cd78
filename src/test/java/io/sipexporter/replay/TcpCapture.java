package io.sipexporter.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a classic pcap (Ethernet, IPv4, TCP) of one flow 192.0.2.1:40000 -> 192.0.2.2:5060,
 * segment by segment, so a test can leave segments out and let tshark read the same file.
 *
 * <pre>{@code
 * TcpCapture capture = new TcpCapture().syn();
 * capture.data("OPTIONS sip:...").fin();
 * capture.write(path);
 * }</pre>
 */
final class TcpCapture {
  private static final int ISN = 1000;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int seq = ISN + 1;
  private long micros = 1_700_000_000_000_000L;

  TcpCapture() {
    ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    h.putInt(65535).putInt(1); // snap length, LINKTYPE_ETHERNET
    out.writeBytes(h.array());
  }

  /** The SYN, sequence number {@code ISN}. */
  TcpCapture syn() {
    frame(ISN, 0x02, new byte[0], true);
    return this;
  }

  /** The next segment of the stream, captured 1 ms after the previous one. */
  TcpCapture data(String text) {
    return segment(text, true);
  }

  /** The next segment of the stream, lost: its sequence space is skipped, nothing is written. */
  TcpCapture lost(String text) {
    return segment(text, false);
  }

  /** The FIN after the last segment. */
  TcpCapture fin() {
    frame(seq, 0x11, new byte[0], true);
    return this;
  }

  /** Lets {@code millis} of capture time pass before the next frame. */
  TcpCapture pause(long millis) {
    micros += millis * 1000;
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  void write(Path file) {
    try {
      Files.write(file, bytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private TcpCapture segment(String text, boolean captured) {
    byte[] data = text.getBytes(StandardCharsets.US_ASCII);
    frame(seq, 0x18, data, captured);
    seq += data.length;
    return this;
  }

  // Ethernet II (RFC 894), IPv4 (RFC 791, checksum left 0), TCP (RFC 9293) with a 20-byte header.
  private void frame(int seqNo, int flags, byte[] data, boolean captured) {
    micros += 1000;
    if (!captured) {
      return;
    }
    ByteBuffer f = ByteBuffer.allocate(14 + 40 + data.length);
    f.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
    f.put((byte) 0x45).put((byte) 0).putShort((short) (40 + data.length)).putInt(0x4000);
    f.put((byte) 64).put((byte) 6).putShort((short) 0);
    f.put(new byte[] {(byte) 192, 0, 2, 1}).put(new byte[] {(byte) 192, 0, 2, 2});
    f.putShort((short) 40000).putShort((short) 5060).putInt(seqNo).putInt(flags == 0x02 ? 0 : 1);
    f.put((byte) 0x50).put((byte) flags).putShort((short) 65535).putInt(0);
    f.put(data);
    ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    r.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000));
    r.putInt(f.capacity()).putInt(f.capacity());
    out.writeBytes(r.array());
    out.writeBytes(f.array());
  }
}
