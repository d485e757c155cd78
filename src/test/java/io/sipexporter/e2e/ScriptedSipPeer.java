package io.sipexporter.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The other end of a sipp scenario, on loopback UDP, played from a script: it sends exactly what a
 * test tells it, in the order it tells it, so a test can replay an interleaving that real peers
 * produce only now and then (a late provisional, a retransmitted final, a second ACK).
 */
final class ScriptedSipPeer implements AutoCloseable {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final Pattern VIA_PORT =
      Pattern.compile("^Via: SIP/2\\.0/UDP [^:;\\s]+:(\\d+)", Pattern.MULTILINE);

  private final DatagramSocket socket;
  private final List<Message> unread = new ArrayList<>();
  private final List<Message> received = new ArrayList<>();

  ScriptedSipPeer() {
    try {
      socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return socket.getLocalPort();
  }

  /** One SIP message as received. */
  record Message(String text) {
    String startLine() {
      return text.substring(0, text.indexOf("\r\n"));
    }

    /** The whole header line {@code name: value}, e.g. for copying into a reply. */
    String header(String name) {
      for (String line : text.split("\r\n")) {
        if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
          return line;
        }
      }
      throw new AssertionError("no " + name + " header in\n" + text);
    }

    /** The port of the top Via's sent-by: where RFC 3261 18.2.2 sends the responses. */
    int viaPort() {
      Matcher m = VIA_PORT.matcher(text);
      if (!m.find()) {
        throw new AssertionError("no UDP Via with a port in\n" + text);
      }
      return Integer.parseInt(m.group(1));
    }
  }

  /**
   * The first message not yet taken whose start line begins with {@code prefix}, waiting up to
   * {@code timeout}; messages that do not match stay for later calls.
   */
  Message await(String prefix, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Iterator<Message> it = unread.iterator(); it.hasNext(); ) {
        Message m = it.next();
        if (m.startLine().startsWith(prefix)) {
          it.remove();
          return m;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no '" + prefix + "' within " + timeout + "; received " + lines());
      }
      receive(Duration.ofNanos(left));
    }
  }

  /** How many messages whose start line begins with {@code prefix} arrived so far. */
  long count(String prefix) {
    return received.stream().filter(m -> m.startLine().startsWith(prefix)).count();
  }

  /** A response to {@code request}, sent to its Via; {@code toTag} null leaves the To as is. */
  void reply(Message request, int code, String reason, String toTag) {
    String to = request.header("To");
    if (toTag != null && !to.contains(";tag=")) {
      to += ";tag=" + toTag;
    }
    send(
        "SIP/2.0 "
            + code
            + " "
            + reason
            + "\r\n"
            + request.header("Via")
            + "\r\n"
            + request.header("From")
            + "\r\n"
            + to
            + "\r\n"
            + request.header("Call-ID")
            + "\r\n"
            + request.header("CSeq")
            + "\r\n"
            + "Contact: <sip:peer@127.0.0.1:"
            + port()
            + ">\r\n"
            + (code == 407
                ? "Proxy-Authenticate: Digest realm=\"sip-exporter.test\", nonce=\"5f1e\","
                    + " algorithm=MD5\r\n"
                : "")
            + "Content-Length: 0\r\n\r\n",
        request.viaPort());
  }

  /** Sends {@code message} (CRLF line ends) to {@code port} on loopback. */
  void send(String message, int port) {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    try {
      socket.send(new DatagramPacket(bytes, bytes.length, LOOPBACK, port));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void receive(Duration timeout) {
    byte[] buffer = new byte[65_535];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    try {
      socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      return;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Message m =
        new Message(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
    unread.add(m);
    received.add(m);
  }

  private List<String> lines() {
    return received.stream().map(Message::startLine).toList();
  }

  @Override
  public void close() {
    socket.close();
  }
}
