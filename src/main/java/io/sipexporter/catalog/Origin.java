package io.sipexporter.catalog;

import java.util.List;

/**
 * For a code that SIP elements also make themselves (a timeout taken as 408, a transport error as
 * 503, a proxy's rewrite of a 503 into 500): how to tell one received from the far end from one
 * generated or rewritten on the way, and the exporter's metrics that show it.
 *
 * @param howToTell how to tell a received response from a locally generated or rewritten one
 * @param evidence the exporter's own metrics that show it
 */
public record Origin(String howToTell, List<Evidence> evidence) {
  public Origin {
    evidence = List.copyOf(evidence);
  }
}
