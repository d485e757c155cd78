package io.sipexporter.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A deterministic, seeded generator of varied but well-formed SIP messages: every RFC method and
 * unknown ones, many response codes, long and compact header names in odd case, whitespace around
 * colons, folded lines, IPv4/IPv6/host Vias, several via-parms, bodies with Content-Length.
 */
public final class SipCorpus {
  static final String[] METHODS = {
    "INVITE",
    "ACK",
    "BYE",
    "CANCEL",
    "REGISTER",
    "OPTIONS",
    "PRACK",
    "SUBSCRIBE",
    "NOTIFY",
    "PUBLISH",
    "INFO",
    "REFER",
    "MESSAGE",
    "UPDATE",
    "FOOBAR",
    "X-CUSTOM",
    "invite"
  };
  static final int[] CODES = {
    100, 180, 181, 182, 183, 199, 200, 202, 204, 300, 301, 302, 305, 380, 400, 401, 402, 403, 404,
    405, 406, 407, 408, 410, 412, 413, 414, 415, 416, 417, 420, 421, 422, 423, 428, 429, 430, 433,
    436, 437, 438, 439, 440, 469, 470, 480, 481, 482, 483, 484, 485, 486, 487, 488, 489, 491, 493,
    494, 500, 501, 502, 503, 504, 505, 513, 555, 580, 600, 603, 604, 606, 607, 608
  };
  private static final String SDP =
      "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
          + "m=audio 40000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n";

  private final Random rnd;
  private final boolean realistic;

  /**
   * A generator; {@code realistic} adds the headers a proxy's traffic carries (Record-Route, Allow,
   * ...).
   */
  public SipCorpus(long seed, boolean realistic) {
    this.rnd = new Random(seed);
    this.realistic = realistic;
  }

  /** {@code count} messages from {@code seed}; the same seed always gives the same bytes. */
  public static List<byte[]> generate(long seed, int count) {
    return generate(seed, count, false);
  }

  /** {@code count} messages as a proxy sees them: 2-3 Vias, Record-Route, Allow, Supported, ... */
  public static List<byte[]> realistic(long seed, int count) {
    return generate(seed, count, true);
  }

  private static List<byte[]> generate(long seed, int count, boolean realistic) {
    SipCorpus corpus = new SipCorpus(seed, realistic);
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(corpus.next().getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  /** No To tag (a dialog-creating request), a tag, or a tag after another parameter in odd case. */
  private String toTag() {
    return switch (rnd.nextInt(3)) {
      case 0 -> "";
      case 1 -> ";tag=" + token(8);
      default -> ";x-p=1 ;" + pick("tag", "TAG", "Tag") + "=" + token(6);
    };
  }

  /** The next message, as text. */
  public String next() {
    boolean request = rnd.nextInt(2) == 0;
    String method = pick(METHODS);
    String eol = rnd.nextInt(20) == 0 ? "\n" : "\r\n";
    StringBuilder sb = new StringBuilder(512);
    if (request) {
      sb.append(method)
          .append(" sip:")
          .append(user())
          .append('@')
          .append(host())
          .append(" SIP/2.0");
    } else {
      int code = rnd.nextInt(4) == 0 ? 100 + rnd.nextInt(600) : CODES[rnd.nextInt(CODES.length)];
      sb.append(rnd.nextInt(30) == 0 ? "sip/2.0 " : "SIP/2.0 ").append(code).append(' ');
      sb.append(
          rnd.nextInt(10) == 0
              ? ""
              : pick(
                  "OK",
                  "Ringing",
                  "Busy Here",
                  "Unsupported Certificate",
                  "Server Internal Error",
                  "Decline"));
    }
    sb.append(eol);
    List<String> headers = new ArrayList<>();
    headers.add(name("Via", "v") + colon() + via(eol));
    headers.add(
        name("Call-ID", "i")
            + colon()
            + token(8 + rnd.nextInt(24))
            + (rnd.nextBoolean() ? "@" + host() : ""));
    headers.add(name("CSeq", null) + colon() + cseq(method, eol));
    headers.add(
        name("From", "f") + colon() + "<sip:" + user() + "@" + host() + ">;tag=" + token(10));
    headers.add(
        name("To", "t") + colon() + "\"Bob\" <sip:" + user() + "@" + host() + ">" + toTag());
    if (rnd.nextBoolean()) {
      headers.add(name("Max-Forwards", null) + colon() + rnd.nextInt(71));
    }
    if (rnd.nextBoolean()) {
      headers.add(
          name("Contact", "m") + colon() + "<sip:" + user() + "@" + host() + ";transport=tcp>");
    }
    if (rnd.nextInt(3) == 0) {
      headers.add(name("User-Agent", null) + colon() + "corpus/1.0 (seeded)");
    }
    if (rnd.nextInt(4) == 0) {
      headers.add(name("Via", "v") + colon() + via(eol));
    }
    if (realistic) {
      headers.add(name("Via", "v") + colon() + via(eol));
      headers.add(
          name("Record-Route", null) + colon() + "<sip:" + host() + ";lr;ftag=" + token(8) + ">");
      headers.add(
          name("Allow", null)
              + colon()
              + "INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK, UPDATE, REFER, NOTIFY, INFO");
      headers.add(name("Supported", "k") + colon() + "100rel, timer, replaces, norefersub");
      headers.add(
          name(request ? "User-Agent" : "Server", null)
              + colon()
              + "Example-PBX 16.2.1 (build "
              + rnd.nextInt(9999)
              + ")");
      headers.add(
          name("P-Asserted-Identity", null)
              + colon()
              + "\"Alice\" <sip:"
              + user()
              + "@"
              + host()
              + ">");
      headers.add(name("Session-Expires", "x") + colon() + "1800;refresher=uac");
      headers.add(name("Allow-Events", "u") + colon() + "talk, hold, refer, dialog");
    }
    String body =
        switch (rnd.nextInt(4)) {
          case 0 -> SDP;
          case 1 -> "hello " + token(rnd.nextInt(40));
          default -> "";
        };
    if (!body.isEmpty()) {
      headers.add(
          name("Content-Type", "c")
              + colon()
              + (body.equals(SDP) ? "application/sdp" : "text/plain"));
    }
    if (!body.isEmpty() || rnd.nextInt(4) != 0) {
      headers.add(name("Content-Length", "l") + colon() + body.length());
    }
    Collections.shuffle(headers, rnd);
    for (String h : headers) {
      sb.append(h).append(eol);
    }
    return sb.append(eol).append(body).toString();
  }

  private String via(String eol) {
    StringBuilder v = new StringBuilder("SIP/2.0/").append(pick("UDP", "TCP", "TLS", "udp", "WS"));
    v.append(' ').append(host());
    if (rnd.nextBoolean()) {
      v.append(':').append(1024 + rnd.nextInt(60000));
    }
    String branch = "z9hG4bK" + token(6 + rnd.nextInt(20));
    int where = rnd.nextInt(4);
    if (where == 0) {
      v.append(";rport;received=192.0.2.").append(rnd.nextInt(255));
    }
    if (where != 3) {
      if (rnd.nextInt(8) == 0) {
        v.append(eol).append(rnd.nextBoolean() ? " " : "\t"); // RFC 3261 7.3.1 folding
      }
      v.append(';')
          .append(pick("branch", "branch", "branch", "Branch", "BRANCH"))
          .append('=')
          .append(branch);
    }
    if (where == 1) {
      v.append(";rport");
    }
    if (rnd.nextInt(5) == 0) {
      v.append(',')
          .append(rnd.nextBoolean() ? " " : "")
          .append("SIP/2.0/UDP ")
          .append(host())
          .append(";branch=z9hG4bK")
          .append(token(10));
    }
    return v.toString();
  }

  private String cseq(String method, String eol) {
    String sep =
        switch (rnd.nextInt(10)) {
          case 0 -> "  ";
          case 1 -> "\t";
          case 2 -> eol + " ";
          default -> " ";
        };
    long number = rnd.nextInt(5) == 0 ? rnd.nextInt(Integer.MAX_VALUE) : rnd.nextInt(1000);
    return number + sep + method;
  }

  private String name(String full, String compact) {
    String n = compact != null && rnd.nextInt(3) == 0 ? compact : full;
    switch (rnd.nextInt(6)) {
      case 0:
        return n.toLowerCase(java.util.Locale.ROOT);
      case 1:
        return n.toUpperCase(java.util.Locale.ROOT);
      case 2:
        StringBuilder mixed = new StringBuilder(n);
        for (int i = 0; i < mixed.length(); i++) {
          if (rnd.nextBoolean()) {
            mixed.setCharAt(i, Character.toUpperCase(mixed.charAt(i)));
          }
        }
        return mixed.toString();
      default:
        return n;
    }
  }

  private String colon() {
    return pick(": ", ": ", ": ", ":", " : ", "\t:\t", ":  ");
  }

  private String host() {
    return switch (rnd.nextInt(4)) {
      case 0 -> "[2001:db8::" + Integer.toHexString(rnd.nextInt(0xffff)) + "]";
      case 1 -> "192.0.2." + rnd.nextInt(255);
      default -> token(5).toLowerCase(java.util.Locale.ROOT) + ".example.com";
    };
  }

  private String user() {
    return pick("alice", "bob", "carol", "+15551234567", "sales");
  }

  private String token(int len) {
    String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.";
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      sb.append(chars.charAt(rnd.nextInt(i == 0 ? 62 : chars.length())));
    }
    return sb.toString();
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[rnd.nextInt(options.length)];
  }
}
