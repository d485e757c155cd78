package io.sipexporter.catalog;

import java.util.List;

/**
 * What the person paged at 3 a.m. needs for a code or a class: the situations that produce it, what
 * to check (with commands), and which side to look at depending on whether their system sent the
 * response or received it.
 *
 * @param usedWhen the situations that produce the response, one short sentence each; compare pages
 *     list them under "When each is used"
 * @param checks the steps to run, most telling first
 * @param ifYouSent where to look when your element sent the response (you are the UAS or proxy that
 *     answered)
 * @param ifYouReceived where to look when your element received it (you sent the request)
 */
public record Triage(
    List<String> usedWhen, List<Check> checks, String ifYouSent, String ifYouReceived) {
  public Triage {
    usedWhen = List.copyOf(usedWhen);
    checks = List.copyOf(checks);
    if (usedWhen.isEmpty() || usedWhen.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("usedWhen needs at least one situation, none blank");
    }
    if (checks.isEmpty()) {
      throw new IllegalArgumentException("checks needs at least one step");
    }
    if (ifYouSent == null || ifYouSent.isBlank()) {
      throw new IllegalArgumentException("ifYouSent is empty");
    }
    if (ifYouReceived == null || ifYouReceived.isBlank()) {
      throw new IllegalArgumentException("ifYouReceived is empty");
    }
    usedWhen = usedWhen.stream().map(String::strip).toList();
    ifYouSent = ifYouSent.strip();
    ifYouReceived = ifYouReceived.strip();
  }
}
