package io.sipexporter.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which senders an input takes: a list of CIDR ranges, IPv4 and IPv6 ({@code
 * --sip.allowed-sources}, {@code --hep.allowed-sources}); an empty list takes every sender.
 * Immutable.
 *
 * <pre>{@code
 * SourceFilter f = SourceFilter.parse("10.0.0.0/8, 2001:db8::/32");
 * f.allows(InetAddress.getByName("10.1.2.3")); // true
 * }</pre>
 */
public final class SourceFilter {
  /** Takes every sender. */
  public static final SourceFilter ANY = new SourceFilter(List.of());

  // literals only: a host name here would mean a DNS lookup at start and a silently stale range
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final List<Range> ranges;

  private SourceFilter(List<Range> ranges) {
    this.ranges = ranges;
  }

  /**
   * Parses a comma-separated list of ranges ({@code 192.0.2.0/24}, {@code 2001:db8::/32}, or a bare
   * address for one host); blank takes every sender. The exception names the entry that is not one.
   */
  public static SourceFilter parse(String list) {
    if (list == null || list.isBlank()) {
      return ANY;
    }
    List<Range> ranges = new ArrayList<>();
    for (String entry : list.split(",", -1)) {
      ranges.add(Range.parse(entry.strip()));
    }
    return new SourceFilter(List.copyOf(ranges));
  }

  /** Whether every sender is taken (no list given). */
  public boolean allowsAll() {
    return ranges.isEmpty();
  }

  /** Whether {@code sender} is inside one of the ranges (always, for an empty list). */
  public boolean allows(InetAddress sender) {
    if (ranges.isEmpty()) {
      return true;
    }
    byte[] address = unmapped(sender.getAddress());
    for (Range r : ranges) {
      if (r.contains(address)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return ranges.isEmpty() ? "any" : String.join(",", ranges.stream().map(Range::text).toList());
  }

  /** A dual-stack socket reports IPv4 senders as ::ffff:a.b.c.d (RFC 4291 2.5.5.2). */
  private static byte[] unmapped(byte[] a) {
    if (a.length == 16) {
      for (int i = 0; i < 10; i++) {
        if (a[i] != 0) {
          return a;
        }
      }
      if (a[10] == (byte) 0xff && a[11] == (byte) 0xff) {
        return Arrays.copyOfRange(a, 12, 16);
      }
    }
    return a;
  }

  /** One CIDR range: the network's bytes (host bits cleared) and the prefix length. */
  private record Range(byte[] network, int prefix, String text) {
    static Range parse(String entry) {
      int slash = entry.indexOf('/');
      String host = slash < 0 ? entry : entry.substring(0, slash);
      boolean v4 = IPV4.matcher(host).matches();
      if (!v4 && !IPV6.matcher(host).matches()) {
        throw invalid(entry);
      }
      for (String octet : v4 ? host.split("\\.") : new String[0]) {
        if (Integer.parseInt(octet) > 255) {
          throw invalid(entry); // else InetAddress would look it up as a host name
        }
      }
      byte[] network;
      try {
        network = unmapped(InetAddress.getByName(host).getAddress());
      } catch (UnknownHostException e) {
        throw invalid(entry);
      }
      int bits = network.length * 8;
      int prefix = bits;
      if (slash >= 0) {
        String p = entry.substring(slash + 1);
        if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > bits) {
          throw invalid(entry);
        }
        prefix = Integer.parseInt(p);
      }
      for (int i = 0; i < network.length; i++) {
        network[i] = (byte) (network[i] & mask(prefix, i));
      }
      return new Range(network, prefix, entry);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int i = 0; i < network.length; i++) {
        if ((address[i] & mask(prefix, i)) != (network[i] & 0xff)) {
          return false;
        }
      }
      return true;
    }

    /** The mask of byte {@code i} of a {@code prefix}-bit network, as an unsigned int. */
    private static int mask(int prefix, int i) {
      int bits = Math.max(0, Math.min(8, prefix - 8 * i));
      return (0xff << (8 - bits)) & 0xff;
    }

    private static IllegalArgumentException invalid(String entry) {
      return new IllegalArgumentException(
          "'" + entry + "' is not an IPv4 or IPv6 CIDR range (e.g. 192.0.2.0/24, 2001:db8::/32)");
    }
  }
}
