package io.sipexporter.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The receive path the exporter did not take, kept to measure it against: Java's own blocking
 * {@link DatagramChannel} on a thread of its own, one {@code recvfrom} a datagram into a direct
 * buffer, then the same copy into a scratch array the exporter makes. It allocates nothing a
 * datagram (the JDK keeps the last sender's address), but pays a system call for each. Feed it with
 * {@code udp-blast} and read its CPU time from {@code /proc/PID/stat} (docs/benchmarks.md).
 *
 * <pre>{@code
 * java -cp target/classes:target/test-classes:$(cat target/benchmarks.classpath) \
 *     io.sipexporter.bench.JdkDatagramSink 27002
 * }</pre>
 */
public final class JdkDatagramSink {
  private JdkDatagramSink() {}

  public static void main(String[] args) throws IOException {
    try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
      channel.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])));
      ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
      byte[] scratch = new byte[65536];
      long received = 0;
      long check = 0;
      while (true) {
        buffer.clear();
        SocketAddress sender = channel.receive(buffer);
        buffer.flip();
        int length = buffer.remaining();
        buffer.get(scratch, 0, length);
        check += scratch[length / 2] + sender.hashCode(); // the copy and the sender are used
        if (++received % 1_000_000 == 0) {
          System.out.println(received + " datagrams (check " + check + ")");
        }
      }
    }
  }
}
