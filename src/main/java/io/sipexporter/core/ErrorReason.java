package io.sipexporter.core;

/**
 * A named way input can be malformed (a scan result, a HEP or pcap decode failure): the {@code
 * reason} label of {@code sip_exporter_parse_errors_total}. Implemented by enums, so the label set
 * stays bounded.
 */
public interface ErrorReason {
  /** The label value, lower snake case, e.g. {@code bad_status_code}. */
  String reason();
}
