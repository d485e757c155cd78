package io.sipexporter.ops;

import io.sipexporter.catalog.ResponseCode;

/**
 * The fix a code alert's description ends with, composed from the response-code catalogue: the
 * catalogue's how-to-fix, or, for a code whose fix depends on the side ({@link
 * ResponseCode#fixBySide()}), a Go template that picks the side from the alert's {@code direction}
 * label (per-peer metrics, issue 14): the catalogue's "if you received it" when the peer answered
 * ({@code in}), its "if you sent it" when you answered the peer ({@code out}), and the general fix
 * when the series has no direction.
 *
 * <pre>{@code
 * String rule = AlertFix.template(catalog.lookup(437)); // what the rule file holds
 * String sent = AlertFix.rendered(catalog.lookup(437), "in"); // what Alertmanager shows
 * }</pre>
 */
public final class AlertFix {
  private AlertFix() {}

  /** The fix as the alert rule writes it, a Go template where the side matters. */
  public static String template(ResponseCode code) {
    if (!code.fixBySide()) {
      return code.howToFix();
    }
    return "{{ if eq $labels.direction \"in\" }}"
        + code.triage().ifYouReceived()
        + "{{ else if eq $labels.direction \"out\" }}"
        + code.triage().ifYouSent()
        + "{{ else }}"
        + code.howToFix()
        + "{{ end }}";
  }

  /**
   * The fix as Prometheus renders {@link #template} for an alert whose {@code direction} label is
   * {@code direction} (empty or null: no such label).
   */
  public static String rendered(ResponseCode code, String direction) {
    if (code.fixBySide() && "in".equals(direction)) {
      return code.triage().ifYouReceived();
    }
    if (code.fixBySide() && "out".equals(direction)) {
      return code.triage().ifYouSent();
    }
    return code.howToFix();
  }
}
