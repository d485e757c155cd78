package io.sipexporter.transaction;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded message sequence of {@code src/test/resources/transactions}: "@ seconds" starts a
 * message seen at that input time, the SIP text follows (written with LF, sent with CRLF), "#"
 * lines are comments.
 */
final class MessageSequence {
  /** One message and the input time it was seen at. */
  record Timed(long nanos, byte[] bytes) {}

  private MessageSequence() {}

  static List<Timed> read(String name) {
    String text;
    try (InputStream in = MessageSequence.class.getResourceAsStream("/transactions/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing sequence " + name);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Timed> out = new ArrayList<>();
    long nanos = -1;
    StringBuilder msg = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("@")) {
        add(out, nanos, msg);
        nanos = Math.round(Double.parseDouble(line.substring(1).trim()) * 1e9);
      } else if (!line.startsWith("#") && nanos >= 0 && !(line.isEmpty() && msg.length() == 0)) {
        msg.append(line).append("\r\n");
      }
    }
    add(out, nanos, msg);
    return out;
  }

  private static void add(List<Timed> out, long nanos, StringBuilder msg) {
    if (nanos >= 0) {
      String text = msg.toString().strip() + "\r\n\r\n";
      out.add(new Timed(nanos, text.getBytes(StandardCharsets.UTF_8)));
    }
    msg.setLength(0);
  }
}
