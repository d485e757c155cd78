package io.sipexporter.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicLong;

/** Stands in for the exporter's SIP port: receives mirrored datagrams and counts them. */
public final class MirrorSink implements AutoCloseable {
  private final DatagramSocket socket;
  private final AtomicLong datagrams = new AtomicLong();
  private final Thread reader;

  public MirrorSink(int port) {
    try {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      socket.setReceiveBufferSize(1 << 20);
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
    reader = new Thread(this::read, "mirror-sink-" + port);
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    byte[] buffer = new byte[65_535];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (!socket.isClosed()) {
      try {
        socket.receive(packet);
        datagrams.incrementAndGet();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  public long datagrams() {
    return datagrams.get();
  }

  @Override
  public void close() {
    socket.close();
  }
}
