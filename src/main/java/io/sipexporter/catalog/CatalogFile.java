package io.sipexporter.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The shape of {@code catalog/sip-response-codes.yaml}, as Jackson reads it. */
record CatalogFile(List<ClassEntry> classes, List<CodeEntry> codes) {

  /** One {@code classes:} item. */
  record ClassEntry(
      @JsonProperty("class") String label,
      String name,
      String severity,
      int treatedAs,
      String outcome,
      String description,
      String when,
      String fix,
      List<String> usedWhen,
      List<CheckEntry> checks,
      String ifYouSent,
      String ifYouReceived) {}

  /** One {@code codes:} item. */
  record CodeEntry(
      int code,
      String reason,
      String rfc,
      List<String> aliases,
      String severity,
      AlertEntry alert,
      List<Integer> related,
      String description,
      String outcome,
      String inDialog,
      String when,
      String fix,
      List<String> usedWhen,
      List<CheckEntry> checks,
      String ifYouSent,
      String ifYouReceived,
      Boolean fixBySide,
      OriginEntry origin,
      Map<String, String> platforms,
      Integer isup) {}

  /** A code's {@code origin:} item: how to tell who generated it, and the metrics that show it. */
  record OriginEntry(String tell, List<EvidenceEntry> evidence) {}

  /** One item of {@code evidence:}: an exported metric, a query on it and what it shows. */
  record EvidenceEntry(String metric, String query, String shows) {}

  /** One item of {@code checks:}: a step and, where one exists, the command that performs it. */
  record CheckEntry(String step, String command) {}

  /** A code's {@code alert:} item: the bundled alert's severity where it differs, and why. */
  record AlertEntry(String severity, String why) {}
}
