package io.sipexporter.pcap;

import io.sipexporter.core.ErrorReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-only stand-in for the SIP scanner: counts requests by method and responses by status code
 * from their start lines, splits TCP streams by header end and Content-Length, records errors.
 */
final class SipCounter implements PacketSink, StreamSink.Factory {
  private static final Pattern CONTENT_LENGTH =
      Pattern.compile("(?im)^(?:Content-Length|l)\\s*:\\s*(\\d{1,9})\\s*$");

  final Map<String, Integer> messages = new TreeMap<>();
  final Map<String, Integer> errors = new TreeMap<>();
  final List<PayloadKind> kinds = new ArrayList<>();
  final List<Long> timestamps = new ArrayList<>();
  int gaps;
  int opened;
  int closed;

  /** Reads a whole capture through {@link CaptureReader} and {@link PacketDecoder}. */
  static SipCounter read(InputStream in) throws IOException {
    SipCounter counter = new SipCounter();
    CaptureReader reader = new CaptureReader(in);
    PacketDecoder packets = new PacketDecoder(counter, counter);
    CaptureFrame frame = new CaptureFrame();
    for (CaptureResult r; (r = reader.next(frame)) != CaptureResult.END; ) {
      if (r == CaptureResult.PACKET) {
        packets.decode(frame);
      } else {
        counter.onError(r);
      }
    }
    packets.finish();
    return counter;
  }

  static SipCounter read(String resource) throws IOException {
    try (InputStream in = SipCounter.class.getResourceAsStream("/pcap/" + resource)) {
      return read(in);
    }
  }

  @Override
  public void onDatagram(byte[] buf, int off, int len, PacketMeta meta) {
    kinds.add(meta.kind());
    timestamps.add(meta.timestampSeconds() * 1_000_000_000L + meta.timestampNanos());
    if (meta.kind() == PayloadKind.SIP) {
      count(new String(buf, off, len, StandardCharsets.ISO_8859_1));
    }
  }

  @Override
  public void onError(ErrorReason reason) {
    errors.merge(reason.reason(), 1, Integer::sum);
  }

  @Override
  public StreamSink open(PacketMeta meta) {
    opened++;
    kinds.add(meta.kind());
    return new StreamSink() {
      private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

      @Override
      public void onData(byte[] buf, int off, int len, PacketMeta m) {
        pending.write(buf, off, len);
        split();
      }

      @Override
      public void onGap() {
        gaps++;
        pending.reset();
      }

      @Override
      public void onClose() {
        closed++;
      }

      private void split() {
        String s = pending.toString(StandardCharsets.ISO_8859_1);
        int start = 0;
        while (true) {
          while (s.startsWith("\r\n", start)) {
            start += 2; // RFC 5626 keep-alives
          }
          int end = s.indexOf("\r\n\r\n", start);
          if (end < 0) {
            break;
          }
          Matcher m = CONTENT_LENGTH.matcher(s.substring(start, end));
          int body = m.find() ? Integer.parseInt(m.group(1)) : 0;
          if (s.length() < end + 4 + body) {
            break;
          }
          count(s.substring(start, end + 4 + body));
          start = end + 4 + body;
        }
        pending.reset();
        pending.write(
            s.substring(start).getBytes(StandardCharsets.ISO_8859_1), 0, s.length() - start);
      }
    };
  }

  private void count(String message) {
    String line = message.substring(0, Math.max(0, message.indexOf("\r\n")));
    String[] parts = line.split(" ", 3);
    if (parts.length < 3) {
      messages.merge("?", 1, Integer::sum);
    } else {
      messages.merge(line.startsWith("SIP/2.0 ") ? parts[1] : parts[0], 1, Integer::sum);
    }
  }
}
