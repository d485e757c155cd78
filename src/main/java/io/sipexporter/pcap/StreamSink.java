package io.sipexporter.pcap;

/**
 * The in-order byte stream of one TCP direction, as {@link PacketDecoder} reassembles it: plug a
 * SIP (or HEP) stream framer in here, one per flow, created by a {@link Factory}.
 */
public interface StreamSink {
  /** Next in-order bytes; valid only during the call. */
  void onData(byte[] buf, int off, int len, PacketMeta meta);

  /** Bytes were lost before the next {@link #onData}: drop any partial message and resync. */
  void onGap();

  /** The flow ended (FIN, RST, idle, evicted, end of capture): release the framer. */
  void onClose();

  /** Creates the sink of a new flow; {@code meta} describes its first data segment. */
  @FunctionalInterface
  interface Factory {
    StreamSink open(PacketMeta meta);
  }
}
