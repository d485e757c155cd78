package io.sipexporter.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rewrites the Ethernet frames of a classic pcap (as {@code editcap -F pcap} writes it) into
 * another link-layer encapsulation, so one recorded capture yields the variants a mirror port or
 * {@code tcpdump -i any} produces. tshark reads the result independently, as the reference.
 */
enum Encapsulation {
  /** Ethernet as captured on lo: unchanged. */
  ETHERNET(1),
  /** One IEEE 802.1Q tag (VLAN 100) after the MAC addresses. */
  VLAN(1),
  /** IEEE 802.1ad QinQ: an outer 0x88a8 tag (VLAN 200) and an inner 802.1Q tag (VLAN 100). */
  QINQ(1),
  /** LINKTYPE_LINUX_SLL (113), what {@code tcpdump -i any} writes: a 16-byte cooked header. */
  SLL(113);

  private final int linkType;

  Encapsulation(int linkType) {
    this.linkType = linkType;
  }

  /** Writes {@code ethernetPcap} re-encapsulated to {@code out}. */
  void rewrite(Path ethernetPcap, Path out) {
    try {
      ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(ethernetPcap));
      int magic = in.getInt(0);
      in.order(
          magic == 0xa1b2c3d4 || magic == 0xa1b23c4d
              ? ByteOrder.BIG_ENDIAN
              : ByteOrder.LITTLE_ENDIAN);
      if (in.getInt(20) != 1) {
        throw new IllegalArgumentException(ethernetPcap + " is not an Ethernet pcap");
      }
      ByteBuffer o = ByteBuffer.allocate(in.capacity() * 2).order(in.order());
      o.put(in.array(), 0, 24).putInt(20, linkType);
      for (int p = 24; p + 16 <= in.limit(); ) {
        int captured = in.getInt(p + 8);
        int original = in.getInt(p + 12);
        byte[] frame = new byte[captured];
        in.get(p + 16, frame);
        byte[] rewritten = frame(frame);
        int grown = rewritten.length - captured;
        o.putInt(in.getInt(p))
            .putInt(in.getInt(p + 4))
            .putInt(rewritten.length)
            .putInt(original + grown);
        o.put(rewritten);
        p += 16 + captured;
      }
      Files.write(out, java.util.Arrays.copyOf(o.array(), o.position()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] frame(byte[] eth) {
    ByteBuffer b = ByteBuffer.allocate(eth.length + 8); // network byte order
    switch (this) {
      case ETHERNET:
        return eth;
      case VLAN:
        b.put(eth, 0, 12)
            .putShort((short) 0x8100)
            .putShort((short) 100)
            .put(eth, 12, eth.length - 12);
        break;
      case QINQ:
        b.put(eth, 0, 12)
            .putShort((short) 0x88a8)
            .putShort((short) 200)
            .putShort((short) 0x8100)
            .putShort((short) 100)
            .put(eth, 12, eth.length - 12);
        break;
      case SLL: // packet type, ARPHRD_ETHER, address length, source MAC padded to 8, protocol
        b.putShort((short) 0)
            .putShort((short) 1)
            .putShort((short) 6)
            .put(eth, 6, 6)
            .putShort((short) 0)
            .put(eth, 12, eth.length - 12);
        break;
      default:
        throw new IllegalStateException(name());
    }
    return java.util.Arrays.copyOf(b.array(), b.position());
  }
}
