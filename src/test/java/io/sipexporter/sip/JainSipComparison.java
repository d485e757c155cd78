package io.sipexporter.sip;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.header.ViaHeader;

/**
 * Compares the fields the exporter counts, as {@link SipScanner} reads them, with JAIN-SIP's
 * reading of the same message. Shared by the seeded differential test and the differential fuzz
 * target; the deliberate differences are listed on {@link JainSipDifferentialTest}.
 */
final class JainSipComparison {
  private static final Pattern FOLD = Pattern.compile("\r?\n[ \t]+");
  private static final Pattern DISPLAY_NAME =
      Pattern.compile("[ \t]*(?:(?:[A-Za-z0-9.!%*_+`'~-]+[ \t]*)*|\"(?:[^\"\\\\]|\\\\.)*\"[ \t]*)");
  private static final Pattern LEADING_LINE_ENDS = Pattern.compile("^[\r\n]+");
  private static final Pattern FIRST_VIA = firstField("via|v");
  private static final Pattern FIRST_FROM = firstField("from|f");
  private static final Pattern FIRST_TO = firstField("to|t");
  private static final Pattern FIRST_CSEQ = firstField("cseq");
  private static final Pattern BRANCH_PARAM = Pattern.compile("(?i);[ \t]*branch[ \t]*=");
  private static final Pattern TAG_PARAM = Pattern.compile("(?i);[ \t]*tag[ \t]*=");

  /** RFC 3986 3.1 / RFC 3261 25.1: an absolute URI starts with scheme ":". */
  private static final Pattern SCHEME = Pattern.compile("[ \t]*[A-Za-z][A-Za-z0-9+.-]*:.*");

  private final SipScanner scanner = new SipScanner();
  private final SipMessage msg = new SipMessage();

  /** What the scanner made of {@code bytes} in the last {@link #compare} call. */
  ScanResult lastResult;

  /**
   * Null when the scanner reads {@code bytes} as JAIN-SIP read them into {@code ref}, else the
   * differences.
   */
  String compare(byte[] bytes, SIPMessage ref) {
    lastResult = scanner.scan(bytes, 0, bytes.length, msg);
    if (lastResult != ScanResult.OK) {
      return "scanner said " + lastResult;
    }
    StringBuilder d = new StringBuilder();
    if (ref instanceof SIPRequest req) {
      check(d, "request", true, msg.isRequest());
      check(d, "method", match(req.getMethod()), msg.method());
    } else {
      check(d, "request", false, msg.isRequest());
      check(d, "status", ((SIPResponse) ref).getStatusCode(), msg.statusCode());
    }
    // RFC 3261 7.3.1: a fold is one SP; the scanner's Call-ID is the raw bytes, fold included,
    // which
    // JAIN-SIP decodes as UTF-8 (callId() is ASCII, for the tracker's keys)
    String callId =
        new String(msg.buffer(), msg.callIdOffset(), msg.callIdLength(), StandardCharsets.UTF_8);
    // JAIN-SIP trims values with String.trim, control bytes too; the scanner trims LWS only (25.1)
    check(d, "Call-ID", ref.getCallId().getCallId(), FOLD.matcher(callId).replaceAll(" ").trim());
    check(d, "CSeq number", ref.getCSeq().getSeqNumber(), msg.cseqNumber());
    check(d, "CSeq method", match(ref.getCSeq().getMethod()), msg.cseqMethod());
    String branch = ((ViaHeader) ref.getTopmostVia()).getBranch();
    check(d, "branch", branch == null ? "" : branch, msg.branch());
    String fromTag = ref.getFromTag();
    check(d, "From tag", fromTag == null ? "" : fromTag, msg.fromTag());
    String toTag = ref.getToTag();
    check(d, "To tag", toTag == null ? "" : toTag, msg.toTag());
    return d.length() == 0 ? null : d.toString();
  }

  /** True when JAIN-SIP has what the exporter needs: a CSeq, a Call-ID and a top Via. */
  static boolean complete(SIPMessage ref) {
    return ref != null
        && ref.getCSeq() != null
        && ref.getCallId() != null
        && ref.getTopmostVia() != null;
  }

  /** True when JAIN-SIP rejects the first Via field of the message on its own (and so drops it). */
  static boolean topViaUnparsable(byte[] bytes) {
    return firstFieldUnparsable(bytes, FIRST_VIA, "Via");
  }

  /** True when JAIN-SIP rejects the first From field on its own (and so has no From tag). */
  static boolean fromUnparsable(byte[] bytes) {
    return firstFieldUnparsable(bytes, FIRST_FROM, "From");
  }

  /** True when JAIN-SIP rejects the first To field on its own (and so has no To tag). */
  static boolean toUnparsable(byte[] bytes) {
    return firstFieldUnparsable(bytes, FIRST_TO, "To");
  }

  /** A request whose CSeq method is not, byte for byte, its request-line method. */
  static boolean cseqMethodDiffers(byte[] bytes) {
    // unfolded first: a CSeq may continue on lines that start with white space (RFC 3261 7.3.1)
    String[] lines =
        new String(bytes, StandardCharsets.ISO_8859_1)
            .replaceAll("\r?\n[ \t]+", " ")
            .split("\r?\n");
    if (lines[0].startsWith("SIP/")) {
      return false;
    }
    String method = lines[0].split(" ", 2)[0];
    for (String line : lines) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("(?i)cseq\\s*:\\s*\\d+\\s+(\\S+)\\s*").matcher(line);
      if (m.matches()) {
        return !m.group(1).equals(method);
      }
    }
    return false;
  }

  /** True when JAIN-SIP rejects the first CSeq field on its own (and so reads a later one). */
  static boolean cseqUnparsable(byte[] bytes) {
    return firstFieldUnparsable(bytes, FIRST_CSEQ, "CSeq");
  }

  /** The unfolded value of the first CSeq field, or null without one. */
  static String firstCseq(byte[] bytes) {
    return firstValue(bytes, FIRST_CSEQ);
  }

  /**
   * True when JAIN-SIP's top Via is not the message's first Via field: it dropped that one, and
   * promoted a later one (its host or branch is not in the first field's text).
   */
  static boolean topViaDropped(byte[] bytes, SIPMessage ref) {
    String first = firstValue(bytes, FIRST_VIA);
    if (first == null) {
      return false;
    }
    ViaHeader via = (ViaHeader) ref.getTopmostVia();
    return topViaUnparsable(bytes)
        || !first.contains(String.valueOf(via.getHost()))
        || (via.getBranch() != null && !first.contains(via.getBranch()));
  }

  /**
   * True when the first via-parm of the first Via field has more than one branch parameter. RFC
   * 3261 8.1.1.7 gives a Via one branch; the scanner keeps the first, JAIN-SIP the last.
   */
  static boolean topViaBranchRepeated(byte[] bytes) {
    String first = firstValue(bytes, FIRST_VIA);
    if (first == null) {
      return false;
    }
    int comma = first.indexOf(',');
    return foundTwice(BRANCH_PARAM, comma < 0 ? first : first.substring(0, comma));
  }

  /**
   * True when the first From (or To) field has more than one tag parameter after its URI. RFC 3261
   * 19.3 gives it one tag; the scanner keeps the first, JAIN-SIP the last.
   */
  static boolean tagRepeated(byte[] bytes, boolean from) {
    String value = firstValue(bytes, from ? FIRST_FROM : FIRST_TO);
    if (value == null) {
      return false;
    }
    return foundTwice(TAG_PARAM, value.substring(value.lastIndexOf('>') + 1));
  }

  // m.find() && m.find() is no tautology: each call moves the matcher on to the next match
  @SuppressWarnings("IdentityBinaryExpression")
  private static boolean foundTwice(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() && m.find();
  }

  /**
   * True when the first From (or To) is an addr-spec (no {@code <}) without a URI scheme, e.g.
   * {@code ob@example.net:;tag=2}: RFC 3261 20.10 makes its {@code ;} parameters the header's, so
   * the scanner reads the tag; JAIN-SIP, failing on the URI, reports none.
   */
  static boolean addrSpecWithoutScheme(byte[] bytes, boolean from) {
    String value = firstValue(bytes, from ? FIRST_FROM : FIRST_TO);
    return value != null
        && value.indexOf('<') < 0
        && !SCHEME.matcher(value.split(";", 2)[0]).matches();
  }

  /**
   * True when the first From (or To) is a name-addr whose display name is neither tokens nor one
   * quoted string (RFC 3261 25.1), e.g. {@code Alice ;tag=x \"q\"b <sip:a>}: where its tag is, is
   * anyone's guess.
   */
  static boolean displayNameMalformed(byte[] bytes, boolean from) {
    String value = firstValue(bytes, from ? FIRST_FROM : FIRST_TO);
    int angle = value == null ? -1 : value.indexOf('<');
    return angle >= 0 && !DISPLAY_NAME.matcher(value.substring(0, angle)).matches();
  }

  /** True when the message has a From field and JAIN-SIP dropped it (it has no From at all). */
  static boolean fromDropped(byte[] bytes, SIPMessage ref) {
    return firstValue(bytes, FIRST_FROM) != null
        && (ref.getFrom() == null || fromUnparsable(bytes));
  }

  /** True when the message has a To field and JAIN-SIP dropped it (it has no To at all). */
  static boolean toDropped(byte[] bytes, SIPMessage ref) {
    return firstValue(bytes, FIRST_TO) != null && (ref.getTo() == null || toUnparsable(bytes));
  }

  private static String firstValue(byte[] bytes, Pattern field) {
    Matcher m = field.matcher(headerSection(bytes, StandardCharsets.ISO_8859_1));
    return m.find() ? m.group(1).replaceAll("\r?\n", "") : null;
  }

  /**
   * The start line and header fields: after any leading line ends (RFC 3261 7.5), before the blank
   * line.
   */
  static String headerSection(byte[] bytes, java.nio.charset.Charset charset) {
    return LEADING_LINE_ENDS
        .matcher(new String(bytes, charset))
        .replaceFirst("")
        .split("\r?\n\r?\n", 2)[0];
  }

  private static Pattern firstField(String names) {
    return Pattern.compile("(?im)^(?:" + names + ")[ \t]*:(.*(?:\r?\n[ \t].*)*)");
  }

  private static boolean firstFieldUnparsable(byte[] bytes, Pattern field, String name) {
    String text = headerSection(bytes, StandardCharsets.UTF_8);
    Matcher m = field.matcher(text);
    if (!m.find()) {
      return false;
    }
    try {
      StringMsgParser.parseSIPHeader(
          name + ": " + m.group(1).replaceAll("\r?\n", "").trim() + "\r\n");
      return false;
    } catch (java.text.ParseException e) {
      return true;
    }
  }

  private static void check(StringBuilder d, String field, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      d.append(field)
          .append(": JAIN-SIP ")
          .append(expected)
          .append(", scanner ")
          .append(actual)
          .append("; ");
    }
  }

  private static SipMethod match(String method) {
    byte[] b = method.getBytes(StandardCharsets.US_ASCII);
    return SipMethod.match(b, 0, b.length);
  }
}
