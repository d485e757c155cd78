package io.sipexporter.core;

/**
 * The source and destination IP addresses of one message, as far as its input tells them: both from
 * a HEP envelope or a captured IP header, only the source for a raw copy (the datagram's sender),
 * none at all otherwise. Mutable and reused, so that reading an address allocates nothing: one
 * instance per adaptor, filled before each message. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are
 * kept as IPv4.
 *
 * <pre>{@code
 * Endpoints ends = new Endpoints();
 * ends.clear();
 * ends.source(buf, srcOffset, 4); // 4 or 16 bytes, network order
 * ends.destination(buf, dstOffset, 4);
 * ends.sourceFamily(); // 4
 * }</pre>
 */
public final class Endpoints {
  /** No addresses: for inputs that carry none. Never fill it. */
  public static final Endpoints NONE = new Endpoints();

  private int sourceFamily;
  private long sourceHi;
  private long sourceLo;
  private int destinationFamily;
  private long destinationHi;
  private long destinationLo;

  /** Forgets both addresses. */
  public void clear() {
    sourceFamily = 0;
    destinationFamily = 0;
  }

  /** The source address in buf[off, off + len): 4 bytes (IPv4) or 16 (IPv6); else none. */
  public void source(byte[] buf, int off, int len) {
    sourceFamily = family(buf, off, len);
    sourceHi = hi(buf, off, sourceFamily);
    sourceLo = lo(buf, off, len, sourceFamily);
  }

  /** The destination address in buf[off, off + len), as {@link #source}. */
  public void destination(byte[] buf, int off, int len) {
    destinationFamily = family(buf, off, len);
    destinationHi = hi(buf, off, destinationFamily);
    destinationLo = lo(buf, off, len, destinationFamily);
  }

  /** The source as an IPv4 address in network order (an int), from a socket's sender. */
  public void sourceV4(int address) {
    sourceFamily = 4;
    sourceLo = address;
  }

  /** 4, 6, or 0 when the source is not known. */
  public int sourceFamily() {
    return sourceFamily;
  }

  /** 4, 6, or 0 when the destination is not known. */
  public int destinationFamily() {
    return destinationFamily;
  }

  /** The IPv4 source (network order), when {@link #sourceFamily} is 4. */
  public int sourceV4() {
    return (int) sourceLo;
  }

  /** The IPv4 destination (network order), when {@link #destinationFamily} is 4. */
  public int destinationV4() {
    return (int) destinationLo;
  }

  /** The upper 64 bits of the IPv6 source, when {@link #sourceFamily} is 6. */
  public long sourceHi() {
    return sourceHi;
  }

  /** The lower 64 bits of the IPv6 source. */
  public long sourceLo() {
    return sourceLo;
  }

  /** The upper 64 bits of the IPv6 destination, when {@link #destinationFamily} is 6. */
  public long destinationHi() {
    return destinationHi;
  }

  /** The lower 64 bits of the IPv6 destination. */
  public long destinationLo() {
    return destinationLo;
  }

  private static int family(byte[] buf, int off, int len) {
    if (len == 4) {
      return 4;
    }
    if (len != 16) {
      return 0;
    }
    return be(buf, off, 8) == 0 && (int) be(buf, off + 8, 4) == 0xffff ? 4 : 6;
  }

  private static long hi(byte[] buf, int off, int family) {
    return family == 6 ? be(buf, off, 8) : 0;
  }

  private static long lo(byte[] buf, int off, int len, int family) {
    if (family == 6) {
      return be(buf, off + 8, 8);
    }
    return family == 4 ? be(buf, off + len - 4, 4) : 0; // mapped: the last four bytes
  }

  /** {@code n} bytes at buf[off] as a big-endian number. */
  private static long be(byte[] buf, int off, int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = v << 8 | (buf[off + i] & 0xff);
    }
    return v;
  }
}
