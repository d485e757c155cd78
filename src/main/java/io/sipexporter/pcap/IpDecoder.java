package io.sipexporter.pcap;

import java.util.Arrays;

/**
 * Unwraps IPv4 and IPv6 (extension headers skipped, fragments reassembled) down to the transport
 * segment: after {@link #decode} returns true, {@link #protocol}, {@link #buf}, {@link #off} and
 * {@link #len} locate it, and the addresses are in the {@link PacketMeta}.
 */
final class IpDecoder {
  private static final int MAX_EXTENSION_HEADERS = 8;

  private final FragmentTable fragments;
  private final PacketSink errors;
  int protocol;
  byte[] buf;
  int off;
  int len;

  IpDecoder(PacketSink errors) {
    this.errors = errors;
    this.fragments = new FragmentTable(errors);
  }

  /** Decodes the IP packet in {@code b[p, p+n)}; false when there is nothing (yet) to pass on. */
  boolean decode(byte[] b, int p, int n, PacketMeta meta) {
    if (n < 1) {
      return fail(PacketError.TRUNCATED_FRAME);
    }
    int version = (b[p] & 0xff) >>> 4;
    return version == 4
        ? ipv4(b, p, n, meta)
        : version == 6 ? ipv6(b, p, n, meta) : fail(PacketError.BAD_IP_HEADER);
  }

  /** Ends the capture: partial datagrams count as timed out. */
  void finish() {
    fragments.clear();
  }

  // RFC 791 3.1: IHL in 32-bit words (>= 5), total length, flags + fragment offset, protocol.
  private boolean ipv4(byte[] b, int p, int n, PacketMeta meta) {
    if (n < 20) {
      return fail(PacketError.TRUNCATED_FRAME);
    }
    int headerLen = (b[p] & 0x0f) * 4;
    int total = LinkDecoder.u16(b, p + 2);
    if (total == 0) {
      total = n; // TCP segmentation offload: the capturing host left the length unset
    }
    if (headerLen < 20 || total < headerLen) {
      return fail(PacketError.BAD_IP_HEADER);
    }
    if (total > n) {
      return fail(PacketError.TRUNCATED_FRAME);
    }
    setAddresses(meta, b, p + 12, p + 16, 4);
    int flagsOffset = LinkDecoder.u16(b, p + 6);
    int fragmentOffset = (flagsOffset & 0x1fff) * 8;
    boolean more = (flagsOffset & 0x2000) != 0;
    int proto = b[p + 9] & 0xff;
    if (!more && fragmentOffset == 0) {
      return found(proto, b, p + headerLen, total - headerLen); // total < n: Ethernet padding
    }
    long id = LinkDecoder.u16(b, p + 4);
    return reassembled(meta, id, proto, fragmentOffset, more, b, p + headerLen, total - headerLen);
  }

  // RFC 8200 3: fixed 40-byte header, payload length, next header, then extension headers.
  private boolean ipv6(byte[] b, int p, int n, PacketMeta meta) {
    if (n < 40) {
      return fail(PacketError.TRUNCATED_FRAME);
    }
    int payloadLen = LinkDecoder.u16(b, p + 4);
    if (payloadLen > n - 40) {
      return fail(PacketError.TRUNCATED_FRAME);
    }
    setAddresses(meta, b, p + 8, p + 24, 16);
    return upperLayer(b[p + 6] & 0xff, b, p + 40, p + 40 + payloadLen, meta, true);
  }

  private boolean upperLayer(int next, byte[] b, int p, int end, PacketMeta meta, boolean first) {
    for (int i = 0; i <= MAX_EXTENSION_HEADERS; i++) {
      if (next != 0 && next != 43 && next != 44 && next != 51 && next != 60) {
        return found(next, b, p, end - p);
      }
      if (end - p < 8) {
        return fail(PacketError.TRUNCATED_FRAME);
      }
      if (next == 44 && !first) {
        return fail(PacketError.BAD_IP_HEADER); // a fragment inside a reassembled datagram
      }
      if (next == 44) { // RFC 8200 4.5: next header, reserved, offset (13 bits) + M flag, id u32
        int offsetFlags = LinkDecoder.u16(b, p + 2);
        long id = (long) LinkDecoder.u16(b, p + 4) << 16 | LinkDecoder.u16(b, p + 6);
        return reassembled(
            meta,
            id,
            b[p] & 0xff,
            offsetFlags & 0xfff8,
            (offsetFlags & 1) != 0,
            b,
            p + 8,
            end - p - 8);
      }
      // RFC 8200 4.3-4.6: length in 8-octet units not counting the first 8; AH (RFC 4302) in 4s.
      int extLen = next == 51 ? ((b[p + 1] & 0xff) + 2) * 4 : ((b[p + 1] & 0xff) + 1) * 8;
      if (extLen > end - p) {
        return fail(PacketError.TRUNCATED_FRAME);
      }
      next = b[p] & 0xff;
      p += extLen;
    }
    return fail(PacketError.BAD_IP_HEADER);
  }

  private boolean reassembled(
      PacketMeta meta, long id, int proto, int offset, boolean more, byte[] b, int p, int n) {
    FragmentTable.Entry e = fragments.add(meta, id, proto, offset, more, b, p, n);
    if (e == null) {
      return false;
    }
    if (meta.addressLength == 16) {
      return upperLayer(proto, e.data, 0, e.total, meta, false); // may hold more headers
    }
    return found(proto, e.data, 0, e.total);
  }

  private static void setAddresses(PacketMeta meta, byte[] b, int src, int dst, int n) {
    Arrays.fill(meta.src, n, meta.src.length, (byte) 0); // the first n bytes are copied over
    Arrays.fill(meta.dst, n, meta.dst.length, (byte) 0);
    System.arraycopy(b, src, meta.src, 0, n);
    System.arraycopy(b, dst, meta.dst, 0, n);
    meta.addressLength = n;
  }

  private boolean found(int proto, byte[] b, int p, int n) {
    protocol = proto;
    buf = b;
    off = p;
    len = n;
    return true;
  }

  private boolean fail(PacketError error) {
    errors.onError(error);
    return false;
  }
}
