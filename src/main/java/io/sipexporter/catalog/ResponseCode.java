package io.sipexporter.catalog;

import java.util.List;
import java.util.Locale;

/**
 * What the catalogue knows about one response code: a registered entry, or for a code outside the
 * IANA registry the guidance of its class ({@link #registered()} false, empty reason and RFC).
 *
 * @param code the three-digit code, 100-699
 * @param reason the IANA reason phrase; empty for an unregistered code
 * @param rfc the defining RFC, e.g. {@code RFC 8224}; empty for an unregistered code
 * @param aliases older reason phrases still seen on the wire for the same code
 * @param codeClass the class, from the first digit
 * @param description what the code means
 * @param outcome what the code means for the call, the "For the call" line: the code's own where
 *     its class's line would mislead (e.g. 408 may be repeated unchanged, where a 4xx in general
 *     may not), else its class's
 * @param inDialog what changes when the code answers a request inside a dialog (a re-INVITE, an
 *     UPDATE, a BYE) rather than an initial request, where that changes what to do; empty when it
 *     does not
 * @param whenSeen the situations that produce it
 * @param howToFix what an operator should check or change
 * @param triage the situations that produce it, the checks to run and which side to look at
 * @param fixBySide true where what to do depends on which side answered, so an alert that knows the
 *     side (a per-peer {@code direction}) gives the triage's {@code ifYouReceived} when the peer
 *     answered and its {@code ifYouSent} when you answered the peer, instead of {@code howToFix}
 * @param severity how much one response with this code matters
 * @param alertSeverity the severity of the bundled alert on this code's ratio: {@code severity},
 *     unless the catalogue records why a sustained ratio matters more or less than one response
 * @param alertSeverityWhy why {@code alertSeverity} differs from {@code severity}; empty when it
 *     does not
 * @param related other registered codes worth reading alongside; for an unregistered code, the code
 *     it is handled as
 * @param inPractice who may have generated it, what common servers mean by it, its Q.850 cause
 * @param registered true when the code is in the IANA registry
 */
public record ResponseCode(
    int code,
    String reason,
    String rfc,
    List<String> aliases,
    CodeClass codeClass,
    String description,
    String outcome,
    String inDialog,
    String whenSeen,
    String howToFix,
    Triage triage,
    boolean fixBySide,
    Severity severity,
    Severity alertSeverity,
    String alertSeverityWhy,
    List<Integer> related,
    InPractice inPractice,
    boolean registered) {

  public ResponseCode {
    aliases = List.copyOf(aliases);
    related = List.copyOf(related);
    if (outcome == null || outcome.isBlank()) {
      throw new IllegalArgumentException(code + ": every code needs a line for the call");
    }
    inDialog = inDialog == null ? "" : inDialog.strip();
    if ((alertSeverity != severity) == alertSeverityWhy.isBlank()) {
      throw new IllegalArgumentException(
          code + ": an alert severity other than the code's needs a reason, and only then");
    }
  }

  /** True when the code says what changes for a request inside a dialog. */
  public boolean hasInDialog() {
    return !inDialog.isEmpty();
  }

  /** {@code 437 Unsupported Credential}, or {@code 499 (unregistered 4xx)}. */
  public String title() {
    return registered ? code + " " + reason : code + " (unregistered " + codeClass.label() + ")";
  }

  /**
   * True when {@code phrase} is this code's reason phrase or one of its older phrases, ignoring
   * case, and taking hyphens, underscores and runs of white space as one space (so {@code
   * temporarily-not-available} in a URL is {@code Temporarily not available}). The code alone
   * identifies a response (RFC 3261 21: the phrase is for people), so this only matters when
   * reading logs or traces by phrase.
   */
  public boolean hasPhrase(String phrase) {
    String wanted = normalise(phrase);
    if (normalise(reason).equals(wanted) && registered) {
      return true;
    }
    return aliases.stream().anyMatch(a -> normalise(a).equals(wanted));
  }

  static String normalise(String phrase) {
    return phrase.replaceAll("[\\s_-]+", " ").strip().toLowerCase(Locale.ROOT);
  }
}
