package io.sipexporter.pcap;

import java.util.Arrays;

/**
 * Reassembles fragmented IPv4 and IPv6 datagrams, keyed by (addresses, id, protocol): a fixed
 * number of slots, each with a 64 KiB buffer allocated on first use and a bitmap of 8-byte units.
 * Partial datagrams expire after {@link #TIMEOUT_SECONDS} of capture time.
 */
final class FragmentTable {
  static final int MAX_ENTRIES = 64;
  static final int MAX_DATAGRAM = 65535;
  static final int TIMEOUT_SECONDS = 30;

  private final Entry[] entries = new Entry[MAX_ENTRIES];
  private final PacketSink errors;

  /** One partial datagram. */
  static final class Entry {
    final byte[] src = new byte[16];
    final byte[] dst = new byte[16];
    final long[] units = new long[(MAX_DATAGRAM + 7) / 8 / 64 + 1];
    byte[] data;
    long id;
    int protocol;
    int total;
    long firstSeen;
    boolean used;
  }

  FragmentTable(PacketSink errors) {
    this.errors = errors;
  }

  /**
   * Adds a fragment of {@code len} bytes at byte {@code offset}; returns the entry once the
   * datagram is complete (its {@code data[0, total)}), else null. The entry is freed on return.
   */
  Entry add(
      PacketMeta meta,
      long id,
      int protocol,
      int offset,
      boolean more,
      byte[] b,
      int off,
      int len) {
    long now = meta.timestampSeconds;
    expire(now);
    if (offset + len > MAX_DATAGRAM) {
      errors.onError(PacketError.IP_FRAGMENT_TOO_LARGE);
      Entry e = find(meta, id, protocol);
      if (e != null) {
        e.used = false;
      }
      return null;
    }
    Entry e = find(meta, id, protocol);
    if (e == null) {
      e = claim(meta, id, protocol, now);
    }
    System.arraycopy(b, off, e.data, offset, len);
    mark(e.units, offset / 8, (offset + len + 7) / 8);
    if (!more) {
      e.total = offset + len; // RFC 791 / RFC 8200 4.5: the last fragment fixes the length
    }
    if (e.total >= 0 && complete(e.units, (e.total + 7) / 8)) {
      e.used = false;
      return e;
    }
    return null;
  }

  /** Drops every partial datagram, counting each as timed out (end of capture). */
  void clear() {
    for (Entry e : entries) {
      if (e != null && e.used) {
        e.used = false;
        errors.onError(PacketError.IP_FRAGMENT_TIMEOUT);
      }
    }
  }

  private Entry find(PacketMeta meta, long id, int protocol) {
    for (Entry e : entries) {
      if (e != null
          && e.used
          && e.id == id
          && e.protocol == protocol
          && Arrays.equals(e.src, meta.src)
          && Arrays.equals(e.dst, meta.dst)) {
        return e;
      }
    }
    return null;
  }

  private Entry claim(PacketMeta meta, long id, int protocol, long now) {
    int slot = -1;
    for (int i = 0; i < MAX_ENTRIES && slot < 0; i++) {
      if (entries[i] == null || !entries[i].used) {
        slot = i;
      }
    }
    if (slot < 0) {
      slot = oldest();
      errors.onError(PacketError.IP_FRAGMENT_TABLE_FULL);
    }
    if (entries[slot] == null) {
      entries[slot] = new Entry();
      entries[slot].data = new byte[MAX_DATAGRAM];
    }
    Entry e = entries[slot];
    System.arraycopy(meta.src, 0, e.src, 0, 16);
    System.arraycopy(meta.dst, 0, e.dst, 0, 16);
    Arrays.fill(e.units, 0);
    e.id = id;
    e.protocol = protocol;
    e.total = -1;
    e.firstSeen = now;
    e.used = true;
    return e;
  }

  private int oldest() {
    int oldest = 0;
    for (int i = 1; i < MAX_ENTRIES; i++) {
      if (entries[i].firstSeen < entries[oldest].firstSeen) {
        oldest = i;
      }
    }
    return oldest;
  }

  private void expire(long now) {
    for (Entry e : entries) {
      if (e != null && e.used && now - e.firstSeen > TIMEOUT_SECONDS) {
        e.used = false;
        errors.onError(PacketError.IP_FRAGMENT_TIMEOUT);
      }
    }
  }

  private static void mark(long[] bits, int from, int to) {
    for (int i = from; i < to; i++) {
      bits[i >>> 6] |= 1L << i;
    }
  }

  private static boolean complete(long[] bits, int units) {
    for (int i = 0; i < units; i++) {
      if ((bits[i >>> 6] & 1L << i) == 0) {
        return false;
      }
    }
    return true;
  }
}
