package io.sipexporter.catalog;

import java.util.List;

/** The shape of {@code catalog/q850-causes.yaml}, as Jackson reads it. */
record Q850File(List<Entry> causes) {

  /** One {@code causes:} item. */
  record Entry(
      int cause,
      String name,
      String meaning,
      String check,
      Integer sip,
      boolean sipDefault,
      String sipNote,
      String freeswitch) {}
}
