package io.sipexporter.peers;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One address range of a peer: an IPv4 or IPv6 prefix ({@code 192.0.2.0/24}, {@code
 * 2001:db8:a::/48}) or a single address ({@code 198.51.100.7}, taken as /32 or /128). Host bits
 * below the prefix must be zero, so a typo like {@code 192.0.2.1/24} is refused with the range it
 * probably meant rather than quietly widened.
 *
 * @param v6 true for IPv6
 * @param first the range's first address, as an unsigned 32- or 128-bit number
 * @param prefixLength the number of leading bits that are fixed, 0-32 or 0-128
 */
public record Cidr(boolean v6, BigInteger first, int prefixLength) {
  private static final Pattern V4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern V6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  /** The number of bits of an address of this family: 32 or 128. */
  public int bits() {
    return v6 ? 128 : 32;
  }

  /** The range's last address. */
  public BigInteger last() {
    return first.add(BigInteger.ONE.shiftLeft(bits() - prefixLength)).subtract(BigInteger.ONE);
  }

  /**
   * Reads {@code text}, or throws {@link IllegalArgumentException} with a message that names the
   * problem, e.g. {@code '192.0.2.1/24' has host bits set: did you mean 192.0.2.0/24?}.
   */
  public static Cidr parse(String text) {
    String t = text == null ? "" : text.strip();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    boolean v6 = address.indexOf(':') >= 0;
    BigInteger value = v6 ? parseV6(address, t) : parseV4(address, t);
    int bits = v6 ? 128 : 32;
    int length = bits;
    if (slash >= 0) {
      String len = t.substring(slash + 1);
      if (!len.matches("\\d{1,3}") || Integer.parseInt(len) > bits) {
        throw new IllegalArgumentException(
            "'"
                + t
                + "': the prefix length must be 0 to "
                + bits
                + " for "
                + (v6 ? "IPv6" : "IPv4"));
      }
      length = Integer.parseInt(len);
    }
    BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
    if (value.and(hostMask).signum() != 0) {
      Cidr meant = new Cidr(v6, value.andNot(hostMask), length);
      throw new IllegalArgumentException(
          "'" + t + "' has host bits set: did you mean " + meant + "?");
    }
    return new Cidr(v6, value, length);
  }

  private static BigInteger parseV4(String address, String whole) {
    var m = V4.matcher(address);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + whole + "' is not an IPv4 or IPv6 address or prefix (e.g. 192.0.2.0/24)");
    }
    long v = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255) {
        throw new IllegalArgumentException(
            "'" + whole + "': " + octet + " is not an octet (0-255)");
      }
      v = v << 8 | octet;
    }
    return BigInteger.valueOf(v);
  }

  private static BigInteger parseV6(String address, String whole) {
    if (!V6_CHARS.matcher(address).matches() || address.contains(":::")) {
      throw new IllegalArgumentException("'" + whole + "' is not an IPv6 address or prefix");
    }
    // an embedded IPv4 tail (::ffff:192.0.2.1) becomes two groups
    String a = address;
    int dot = a.indexOf('.');
    if (dot >= 0) {
      int colon = a.lastIndexOf(':');
      long v4 = parseV4(a.substring(colon + 1), whole).longValue();
      a =
          a.substring(0, colon + 1)
              + Long.toHexString(v4 >> 16)
              + ":"
              + Long.toHexString(v4 & 0xffff);
    }
    int gap = a.indexOf("::");
    if (gap >= 0 && a.indexOf("::", gap + 1) >= 0) {
      throw new IllegalArgumentException("'" + whole + "' has '::' twice");
    }
    String[] head = gap < 0 ? a.split(":", -1) : split(a.substring(0, gap));
    String[] tail = gap < 0 ? new String[0] : split(a.substring(gap + 2));
    int missing = 8 - head.length - tail.length;
    if ((gap < 0 && missing != 0) || (gap >= 0 && missing < 1)) {
      throw new IllegalArgumentException("'" + whole + "' does not have 8 groups of 16 bits");
    }
    BigInteger v = BigInteger.ZERO;
    for (String group : head) {
      v = v.shiftLeft(16).or(group(group, whole));
    }
    v = v.shiftLeft(16 * (gap < 0 ? 0 : missing));
    for (String group : tail) {
      v = v.shiftLeft(16).or(group(group, whole));
    }
    return v;
  }

  private static String[] split(String groups) {
    return groups.isEmpty() ? new String[0] : groups.split(":", -1);
  }

  private static BigInteger group(String group, String whole) {
    if (group.isEmpty() || group.length() > 4 || group.indexOf('.') >= 0) {
      throw new IllegalArgumentException("'" + whole + "' has a bad group '" + group + "'");
    }
    return BigInteger.valueOf(Integer.parseInt(group, 16));
  }

  /** {@code 192.0.2.0/24}, {@code 2001:db8:a:0:0:0:0:0/48}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (v6) {
      for (int i = 7; i >= 0; i--) {
        b.append(Integer.toHexString(first.shiftRight(16 * i).intValue() & 0xffff));
        if (i > 0) {
          b.append(':');
        }
      }
    } else {
      long v = first.longValue();
      b.append(v >> 24 & 0xff).append('.').append(v >> 16 & 0xff).append('.');
      b.append(v >> 8 & 0xff).append('.').append(v & 0xff);
    }
    return b.append('/').append(prefixLength).toString().toLowerCase(Locale.ROOT);
  }
}
