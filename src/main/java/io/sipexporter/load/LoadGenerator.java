package io.sipexporter.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Sends pre-built datagrams to one address at a set rate (paced per millisecond) or as fast as the
 * socket takes them, and records how many of each it sent.
 *
 * <pre>{@code
 * LoadGenerator load = new LoadGenerator(new LoadMessages(140, false));
 * LoadGenerator.Result r = load.run(new InetSocketAddress("127.0.0.1", 5060), 50_000, 500_000);
 * }</pre>
 */
public final class LoadGenerator {
  private final ByteBuffer[] buffers;

  public LoadGenerator(LoadMessages messages) {
    this.buffers = new ByteBuffer[messages.size()];
    for (int i = 0; i < buffers.length; i++) {
      buffers[i] = ByteBuffer.wrap(messages.datagram(i));
    }
  }

  /** What a run sent: per datagram index, and in all, over how long. */
  public record Result(long[] sentPerDatagram, long sent, long nanos) {
    /** The rate achieved, datagrams per second. */
    public double rate() {
      return sent * 1e9 / Math.max(1, nanos);
    }
  }

  /** Sends {@code count} datagrams at {@code rate} per second (0: as fast as possible). */
  public Result run(InetSocketAddress target, long rate, long count) throws IOException {
    long[] perDatagram = new long[buffers.length];
    try (DatagramChannel channel = DatagramChannel.open()) {
      channel.connect(target);
      long start = System.nanoTime();
      long sent = 0;
      while (sent < count) {
        long due =
            rate <= 0
                ? count
                : Math.min(count, (System.nanoTime() - start) * rate / 1_000_000_000L + 1);
        while (sent < due) {
          int i = (int) (sent % buffers.length);
          ByteBuffer b = buffers[i];
          b.rewind();
          channel.write(b);
          perDatagram[i]++;
          sent++;
        }
        if (rate > 0 && sent < count) {
          java.util.concurrent.locks.LockSupport.parkNanos(200_000); // pace: ~5000 bursts a second
        }
      }
      return new Result(perDatagram, sent, System.nanoTime() - start);
    }
  }
}
