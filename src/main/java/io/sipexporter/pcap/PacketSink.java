package io.sipexporter.pcap;

import io.sipexporter.core.ErrorReason;

/** Receives what {@link PacketDecoder} finds: UDP payloads and decode errors. */
public interface PacketSink {
  /** One UDP payload (after IP reassembly); the bytes are valid only during the call. */
  void onDatagram(byte[] buf, int off, int len, PacketMeta meta);

  /** A decode failure, to count as {@code sip_exporter_parse_errors_total{input="pcap"}}. */
  void onError(ErrorReason reason);
}
