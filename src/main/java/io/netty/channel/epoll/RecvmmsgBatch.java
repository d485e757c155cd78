package io.netty.channel.epoll;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * sip-exporter's door to Netty's own recvmmsg binding, which Netty keeps package-private. Netty's
 * datagram channel reads many datagrams a call with it, then makes a {@code DatagramPacket} and a
 * sender {@code InetSocketAddress} for every datagram (about 107 bytes: 83% of what the exporter
 * allocated under load, a young collection a second at 375,000 datagrams a second). This class
 * reads the same way into segments of one buffer and leaves each datagram's length and sender where
 * the binding writes them, so a reader can take them without allocating. Not part of Netty: it
 * lives in Netty's package only to reach that binding, and it is pinned to the Netty version the
 * build resolves ({@code UdpBatchReadTest} and {@code UdpReceiveAllocationTest} fail first if a
 * Netty upgrade moves it).
 *
 * <p>One instance per socket, used on that socket's event loop only.
 */
public final class RecvmmsgBatch implements AutoCloseable {
  private static final VarHandle LENGTH;
  private static final VarHandle SENDER;
  private static final VarHandle SENDER_LENGTH;
  private static final VarHandle SENDER_PORT;

  static {
    try {
      MethodHandles.Lookup packet =
          MethodHandles.privateLookupIn(
              NativeDatagramPacketArray.NativeDatagramPacket.class, MethodHandles.lookup());
      Class<?> type = NativeDatagramPacketArray.NativeDatagramPacket.class;
      LENGTH = packet.findVarHandle(type, "count", int.class);
      SENDER = packet.findVarHandle(type, "senderAddr", byte[].class);
      SENDER_LENGTH = packet.findVarHandle(type, "senderAddrLen", int.class);
      SENDER_PORT = packet.findVarHandle(type, "senderPort", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final NativeDatagramPacketArray array = new NativeDatagramPacketArray();
  private final NativeDatagramPacketArray.NativeDatagramPacket[] packets = array.packets();
  private final ByteBuf buffer;
  private final int segment;
  private final int segments;

  /**
   * Reads up to {@code segments} datagrams a call, the {@code i}th into {@code buffer} at {@code i
   * * segment}; {@code buffer} is direct and at least {@code segments * segment} bytes.
   */
  public RecvmmsgBatch(ByteBuf buffer, int segments, int segment) {
    if (!buffer.hasMemoryAddress() || buffer.capacity() < segments * segment) {
      throw new IllegalArgumentException("a direct buffer of " + segments * segment + " bytes");
    }
    this.buffer = buffer;
    this.segment = segment;
    this.segments = Math.min(segments, packets.length);
  }

  /** Whether this kernel has recvmmsg (Linux 2.6.33 and later). */
  public static boolean supported() {
    return Native.IS_SUPPORTING_RECVMMSG;
  }

  /**
   * Reads what the non-blocking {@code socket} holds, up to a batch; returns how many datagrams, 0
   * when none waits.
   */
  public int read(LinuxSocket socket) throws IOException {
    // rebuilt every call, as Netty's channel does: the binding overwrites each packet's vector
    // count with the datagram's length
    array.clear();
    for (int i = 0; i < segments; i++) {
      array.addWritable(buffer, i * segment, segment);
    }
    return socket.recvmmsg(packets, 0, array.count());
  }

  /** Datagrams one read can return. */
  public int capacity() {
    return segments;
  }

  /** Where datagram {@code i} of the last read starts in the buffer. */
  public int offset(int i) {
    return i * segment;
  }

  /** Datagram {@code i}'s length. */
  public int length(int i) {
    return (int) LENGTH.get(packets[i]);
  }

  /**
   * Datagram {@code i}'s sender address in its first {@link #senderLength} bytes (4 or 16); the
   * array is the binding's own, rewritten by the next read: read it, do not keep it.
   */
  public byte[] sender(int i) {
    return (byte[]) SENDER.get(packets[i]);
  }

  /** How many bytes of {@link #sender} are the address: 4 (IPv4) or 16 (IPv6). */
  public int senderLength(int i) {
    return (int) SENDER_LENGTH.get(packets[i]);
  }

  /** Datagram {@code i}'s sender port. */
  public int senderPort(int i) {
    return (int) SENDER_PORT.get(packets[i]);
  }

  /** Frees the native array of the read's vectors (the buffer is the caller's). */
  @Override
  public void close() {
    array.release();
  }
}
