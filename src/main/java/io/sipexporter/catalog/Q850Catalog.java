package io.sipexporter.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The ITU-T Q.850 cause values carried in {@code Reason: Q.850;cause=N} (RFC 3326): every assigned
 * value with its meaning, what to check and the SIP response RFC 3398 maps it to. Immutable; load
 * it once.
 *
 * <pre>{@code
 * Q850Catalog q850 = Q850Catalog.load();
 * Q850Cause busy = q850.explain(Q850Catalog.parseCause("q850:17")); // 17 User busy, SIP 486
 * }</pre>
 */
public final class Q850Catalog {
  /** The classpath resource the catalogue is read from. */
  public static final String RESOURCE = "/catalog/q850-causes.yaml";

  /** Q.850 2.2.7: the cause value is seven bits; 0 is not used. */
  public static final int MAX_CAUSE = 127;

  private static final Pattern PREFIX = Pattern.compile("(?i)q\\.?850:");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
  private static final String RANGE = "Q.850 cause values are 1 to 127";
  // Q.850 2.2.7.2: the cause classes, by the value's top three bits
  private static final String[] CLASSES = {
    "normal event",
    "normal event",
    "resource unavailable",
    "service or option not available",
    "service or option not implemented",
    "invalid message",
    "protocol error",
    "interworking"
  };

  private final Map<Integer, Q850Cause> causes;

  private Q850Catalog(Map<Integer, Q850Cause> causes) {
    this.causes = causes;
  }

  /** Reads the catalogue bundled at {@link #RESOURCE}; fails loudly if it is missing or invalid. */
  public static Q850Catalog load() {
    try (InputStream in = Q850Catalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + RESOURCE);
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Reads a catalogue in the YAML format of {@link #RESOURCE}. */
  public static Q850Catalog read(InputStream yaml) throws IOException {
    Q850File file = new ObjectMapper(new YAMLFactory()).readValue(yaml, Q850File.class);
    Map<Integer, Q850Cause> causes = new TreeMap<>();
    for (Q850File.Entry e : file.causes()) {
      String where = "cause " + e.cause();
      check(e.cause() >= 1 && e.cause() <= MAX_CAUSE, where + ": " + RANGE);
      for (String field : new String[] {e.name(), e.meaning(), e.check()}) {
        check(field != null && !field.isBlank(), where + " needs a name, meaning and check");
      }
      check((e.sip() == null) == (e.cause() == 16), where + ": only 16 maps to no SIP response");
      int sip = e.sip() == null ? 0 : e.sip();
      check(sip == 0 || (sip >= 300 && sip <= 699), where + ": sip must be a final failure code");
      check(!e.sipDefault() || sip == 500, where + ": RFC 3398's default is 500");
      Q850Cause c =
          new Q850Cause(
              e.cause(),
              e.name().strip(),
              e.meaning().strip(),
              e.check().strip(),
              sip,
              e.sipDefault(),
              e.sipNote() == null ? "" : e.sipNote().strip(),
              e.freeswitch() == null ? "" : e.freeswitch().strip(),
              true);
      check(causes.put(c.cause(), c) == null, where + " listed twice");
    }
    return new Q850Catalog(Collections.unmodifiableMap(causes));
  }

  /** Every assigned cause, ascending. */
  public List<Q850Cause> all() {
    return List.copyOf(causes.values());
  }

  /** The assigned cause {@code cause}, if Q.850 defines it. */
  public Optional<Q850Cause> lookup(int cause) {
    return Optional.ofNullable(causes.get(cause));
  }

  /**
   * The entry for {@code cause} (1-127): the assigned one, or one saying the value is unassigned,
   * with the class of its range and RFC 3398's default mapping, 500.
   *
   * @throws IllegalArgumentException if {@code cause} is outside 1-127
   */
  public Q850Cause explain(int cause) {
    check(cause >= 1 && cause <= MAX_CAUSE, cause + " is out of range: " + RANGE);
    Q850Cause known = causes.get(cause);
    if (known != null) {
      return known;
    }
    String range = rangeClass(cause);
    return new Q850Cause(
        cause,
        "Unassigned",
        "Q.850 assigns no meaning to "
            + cause
            + "; it lies in the "
            + range
            + " class ("
            + rangeBounds(cause)
            + ").",
        "Ask the vendor or network that sent it: unassigned values are sometimes used for national"
            + " or proprietary causes. Read it as an unspecified "
            + range
            + ".",
        500,
        true,
        "",
        "",
        false);
  }

  /**
   * True when {@code arg} names a Q.850 cause rather than a SIP code: {@code q850:N} or {@code
   * Q.850:N}, ignoring case.
   */
  public static boolean isCauseArgument(String arg) {
    return arg != null && PREFIX.matcher(arg.strip()).lookingAt();
  }

  /**
   * The cause value {@code q850:N} (or {@code N} alone) names, or {@link IllegalArgumentException}
   * with a one-line message for anything that is not 1-127.
   */
  public static int parseCause(String arg) {
    String t = arg == null ? "" : arg.strip();
    var m = PREFIX.matcher(t);
    String value = m.lookingAt() ? t.substring(m.end()).strip() : t;
    if (!DIGITS.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a cause number: " + RANGE + " (e.g. q850:16)");
    }
    int cause = Integer.parseInt(value);
    check(cause >= 1 && cause <= MAX_CAUSE, "'" + value + "' is out of range: " + RANGE);
    return cause;
  }

  /**
   * The class of a cause value's range (Q.850 2.2.7.2), e.g. 34 is {@code resource unavailable}.
   */
  public static String rangeClass(int cause) {
    return CLASSES[(cause >> 4) & 7];
  }

  /** The class's bounds, e.g. {@code 32-47}; 0-31 for the normal events. */
  static String rangeBounds(int cause) {
    int cls = (cause >> 4) & 7;
    return cls <= 1 ? "0-31" : (cls * 16) + "-" + (cls * 16 + 15);
  }

  private static void check(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(problem);
    }
  }
}
