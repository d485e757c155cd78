package io.sipexporter.pcap;

import io.sipexporter.core.Transport;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Puts the segments of each TCP direction in sequence order and feeds the bytes to that flow's
 * {@link StreamSink}. Bounded: {@link #MAX_FLOWS} flows (least recently used evicted), idle flows
 * closed after {@link #IDLE_TIMEOUT_SECONDS} of capture time, out-of-order data capped per flow and
 * held at most {@link #MAX_HOLD_NANOS} of capture time; when a bound is hit, or the flow ends with
 * a hole that never filled, the flow skips ahead, its sink is told about the gap and gets the bytes
 * behind it.
 */
final class TcpReassembler {
  static final int MAX_FLOWS = 4096;
  static final long IDLE_TIMEOUT_SECONDS = 300;
  static final long MAX_HOLD_NANOS = 2_000_000_000L;

  private final LinkedHashMap<FlowKey, TcpFlow> flows = new LinkedHashMap<>(64, 0.75f, true);
  private final FlowKey probe = new FlowKey();
  private final StreamSink.Factory factory;
  private final PacketSink errors;
  private final PacketMeta closing = new PacketMeta(); // for bytes delivered when a flow ends

  TcpReassembler(StreamSink.Factory factory, PacketSink errors) {
    this.factory = factory;
    this.errors = errors;
  }

  // RFC 9293 3.1: ports, sequence number, data offset in 32-bit words (>= 5), flags FIN/SYN/RST.
  void segment(byte[] b, int p, int n, PacketMeta meta) {
    if (n < 20) {
      errors.onError(PacketError.TRUNCATED_FRAME);
      return;
    }
    int dataOffset = ((b[p + 12] & 0xff) >>> 4) * 4;
    if (dataOffset < 20 || dataOffset > n) {
      errors.onError(PacketError.BAD_TRANSPORT_HEADER);
      return;
    }
    meta.transport = Transport.TCP;
    meta.srcPort = LinkDecoder.u16(b, p);
    meta.dstPort = LinkDecoder.u16(b, p + 2);
    int seq = LinkDecoder.u16(b, p + 4) << 16 | LinkDecoder.u16(b, p + 6);
    int flags = b[p + 13];
    boolean syn = (flags & 0x02) != 0;
    expireIdle(meta.timestampSeconds);
    TcpFlow flow = flows.get(probe.set(meta));
    if (flow == null && (syn || n > dataOffset)) {
      flow = open();
    }
    if (flow == null) {
      return; // a bare ACK, FIN or RST of a flow we never saw
    }
    flow.lastSeen = meta.timestampSeconds;
    flow.lastSeenNanos = meta.timestampNanos;
    if (!flow.synced) {
      flow.nextSeq = syn ? seq + 1 : seq; // no SYN seen: the capture started mid-stream
      flow.synced = true;
    }
    if (n > dataOffset) {
      accept(flow, syn ? seq + 1 : seq, b, p + dataOffset, n - dataOffset, meta);
    }
    if (flow.hasHeld()
        && flow.heldFor(meta.timestampSeconds, meta.timestampNanos) > MAX_HOLD_NANOS) {
      flushWithGaps(flow, meta); // the missing bytes were not retransmitted in time
    }
    if ((flags & 0x05) != 0) { // FIN or RST
      close(flow);
      flows.remove(flow.key);
    }
  }

  /** Ends the capture: every flow is closed. */
  void finish() {
    for (TcpFlow flow : flows.values()) {
      close(flow);
    }
    flows.clear();
  }

  private void accept(TcpFlow flow, int seq, byte[] b, int off, int len, PacketMeta meta) {
    int ahead = seq - flow.nextSeq; // sequence space wraps: compare by difference
    if (ahead > 0 && !flow.hold(seq, b, off, len, meta.timestampSeconds, meta.timestampNanos)) {
      flushWithGaps(flow, meta); // out-of-order bound hit: give up waiting for the missing bytes
      ahead = seq - flow.nextSeq;
      if (ahead > 0) {
        gap(flow);
        flow.nextSeq = seq;
        ahead = 0;
      }
    }
    if (ahead <= 0 && len + ahead > 0) { // ahead < 0: a retransmission overlapping sent bytes
      deliver(flow, b, off - ahead, len + ahead, meta);
      drain(flow, meta);
    }
  }

  private void drain(TcpFlow flow, PacketMeta meta) {
    while (flow.hasHeld()) {
      int i = flow.earliestHeld();
      int ahead = flow.heldSeq(i) - flow.nextSeq;
      if (ahead > 0) {
        return;
      }
      byte[] data = flow.heldData(i);
      flow.release(i);
      if (data.length + ahead > 0) {
        deliver(flow, data, -ahead, data.length + ahead, meta);
      }
    }
  }

  private void flushWithGaps(TcpFlow flow, PacketMeta meta) {
    while (flow.hasHeld()) {
      int i = flow.earliestHeld();
      if (flow.heldSeq(i) - flow.nextSeq > 0) {
        gap(flow);
        flow.nextSeq = flow.heldSeq(i);
      }
      drain(flow, meta);
    }
  }

  private void deliver(TcpFlow flow, byte[] b, int off, int len, PacketMeta meta) {
    if (flow.sink == null) {
      flow.kind = PayloadKind.guess(b, off, len);
      meta.kind = flow.kind;
      flow.sink = factory.open(meta);
      if (flow.gapBeforeSink) {
        flow.sink.onGap(); // its first bytes follow a hole: they may start mid-message
      }
    }
    meta.kind = flow.kind;
    flow.nextSeq += len;
    flow.sink.onData(b, off, len, meta);
  }

  private void gap(TcpFlow flow) {
    errors.onError(PacketError.TCP_GAP);
    if (flow.sink != null) {
      flow.sink.onGap();
    } else {
      flow.gapBeforeSink = true;
    }
  }

  private TcpFlow open() {
    if (flows.size() >= MAX_FLOWS) {
      Iterator<TcpFlow> eldest = flows.values().iterator();
      close(eldest.next());
      eldest.remove();
      errors.onError(PacketError.TCP_FLOW_TABLE_FULL);
    }
    TcpFlow flow = new TcpFlow(probe.copy());
    flows.put(flow.key, flow);
    return flow;
  }

  private void expireIdle(long now) {
    for (Iterator<TcpFlow> it = flows.values().iterator(); it.hasNext(); ) {
      TcpFlow flow = it.next(); // access order: the least recently seen first
      if (now - flow.lastSeen <= IDLE_TIMEOUT_SECONDS) {
        return;
      }
      close(flow);
      it.remove();
    }
  }

  private void close(TcpFlow flow) {
    if (flow.hasHeld()) { // held bytes after a hole that never filled: deliver them after a gap
      flushWithGaps(flow, closingMeta(flow));
    }
    if (flow.sink != null) {
      flow.sink.onClose();
    }
  }

  /** Describes a flow that ends with bytes still held: its ports, kind and last capture time. */
  private PacketMeta closingMeta(TcpFlow flow) {
    System.arraycopy(flow.key.src, 0, closing.src, 0, 16);
    System.arraycopy(flow.key.dst, 0, closing.dst, 0, 16);
    closing.srcPort = flow.key.srcPort;
    closing.dstPort = flow.key.dstPort;
    closing.transport = Transport.TCP;
    closing.kind = flow.kind;
    closing.timestampSeconds = flow.lastSeen;
    closing.timestampNanos = flow.lastSeenNanos;
    return closing;
  }
}
