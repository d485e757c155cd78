package io.sipexporter.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Seeded, structure-aware mutations of well-formed messages for the differential test: lines
 * dropped or doubled, odd separators and case, spaces inside Via, quoted or empty branch values,
 * leading zeros, stray whitespace. Each mutation keeps the message text-like.
 */
public final class SipMutator {
  private static final String[] MUTATIONS = {
    "drop-line",
    "double-line",
    "space-before-colon",
    "fold-after-colon",
    "upper-name",
    "via-spaces",
    "empty-branch",
    "quoted-param",
    "cseq-leading-zeros",
    "cseq-lower-method",
    "cseq-tab",
    "start-line-trailing-space",
    "call-id-space",
    "reason-utf8",
    "via-ipv6-received"
  };

  private final Random rnd;

  public SipMutator(long seed) {
    this.rnd = new Random(seed);
  }

  /** Names of the mutations, in the order {@link #mutate} picks from. */
  public static List<String> names() {
    return Arrays.asList(MUTATIONS);
  }

  /**
   * Applies mutation {@code which} (an index into {@link #names}) to the head of {@code message}.
   */
  public byte[] mutate(byte[] message, int which) {
    String text = new String(message, StandardCharsets.UTF_8);
    int split = text.indexOf("\r\n\r\n");
    if (split < 0) {
      return message;
    }
    String body = text.substring(split + 4);
    List<String> lines = new ArrayList<>(Arrays.asList(text.substring(0, split).split("\r\n", -1)));
    int i = 1 + rnd.nextInt(lines.size() - 1);
    while (i > 1 && (lines.get(i).startsWith(" ") || lines.get(i).startsWith("\t"))) {
      i--; // mutate whole fields, not the continuation lines of folded ones
    }
    String line = lines.get(i);
    int fieldEnd = i + 1;
    while (fieldEnd < lines.size()
        && (lines.get(fieldEnd).startsWith(" ") || lines.get(fieldEnd).startsWith("\t"))) {
      fieldEnd++;
    }
    List<String> field = new ArrayList<>(lines.subList(i, fieldEnd));
    switch (MUTATIONS[which]) {
      case "drop-line" -> lines.subList(i, fieldEnd).clear();
      case "double-line" -> lines.addAll(i, field);
      case "space-before-colon" -> lines.set(i, line.replaceFirst("\\s*:", " \t :"));
      case "fold-after-colon" -> lines.set(i, line.replaceFirst(":\\s*", ":\r\n  "));
      case "upper-name" ->
          lines.set(
              i, line.replaceFirst("^[^:]*", line.replaceAll(":.*", "").toUpperCase(Locale.ROOT)));
      case "via-spaces" -> replaceAll(lines, "SIP/2.0/", "SIP / 2.0 / ");
      case "empty-branch" -> replaceAll(lines, ";branch=z9hG4bK", ";branch=;x=z9hG4bK");
      case "quoted-param" -> replaceAll(lines, ";branch=", ";x=\"a;b,c\";branch=");
      case "cseq-leading-zeros" -> replaceCseq(lines, "CSeq: 000", "(?i)cseq\\s*:\\s*");
      case "cseq-lower-method" ->
          lines.replaceAll(l -> l.matches("(?i)cseq\\s*:.*") ? l.toLowerCase(Locale.ROOT) : l);
      case "cseq-tab" ->
          lines.replaceAll(
              l -> l.matches("(?i)cseq\\s*:.*") ? l.replaceFirst("(\\d) +", "$1\t") : l);
      case "start-line-trailing-space" -> lines.set(0, lines.get(0) + "  ");
      case "call-id-space" ->
          lines.replaceAll(l -> l.matches("(?i)(call-id|i)\\s*:.*") ? l + " x" : l);
      case "reason-utf8" ->
          lines.set(0, lines.get(0).startsWith("SIP/") ? lines.get(0) + " Ä fini" : lines.get(0));
      case "via-ipv6-received" -> replaceAll(lines, ";branch=", ";received=[2001:db8::9];branch=");
      default -> throw new IllegalArgumentException(MUTATIONS[which]);
    }
    return (String.join("\r\n", lines) + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
  }

  private static void replaceAll(List<String> lines, String from, String to) {
    lines.replaceAll(l -> l.replace(from, to));
  }

  private static void replaceCseq(List<String> lines, String to, String pattern) {
    lines.replaceAll(l -> l.matches(pattern + ".*") ? l.replaceFirst(pattern, to) : l);
  }
}
