package io.sipexporter.replay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.transaction.TrackerOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** TCP captures of OPTIONS with segments lost (issue 12, item 3), and their replay counts. */
final class GapCaptures {
  static final int MESSAGES = 25;

  private GapCaptures() {}

  /** OPTIONS number {@code i}, a complete message with a 3-byte body. */
  static String options(int i) {
    return "OPTIONS sip:b@192.0.2.2 SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP 192.0.2.1:40000;branch=z9hG4bK-gap"
        + i
        + "\r\nFrom: <sip:a@192.0.2.1>;tag=f"
        + i
        + "\r\nTo: <sip:b@192.0.2.2>\r\nCall-ID: gap-"
        + i
        + "@192.0.2.1\r\nCSeq: "
        + i
        + " OPTIONS\r\nContent-Length: 3\r\n\r\nabc";
  }

  /** One segment per message, segment {@code lost} (1-based) missing. */
  static TcpCapture messagePerSegment(int lost) {
    TcpCapture c = new TcpCapture().syn();
    for (int i = 1; i <= MESSAGES; i++) {
      String m = options(i);
      if (i == lost) {
        c.lost(m);
      } else {
        c.data(m);
      }
    }
    return c.fin();
  }

  /** Each message in two segments, the second half of message {@code cut} missing. */
  static TcpCapture halfSegments(int cut) {
    TcpCapture c = new TcpCapture().syn();
    for (int i = 1; i <= MESSAGES; i++) {
      String m = options(i);
      c.data(m.substring(0, m.length() / 2));
      if (i == cut) {
        c.lost(m.substring(m.length() / 2));
      } else {
        c.data(m.substring(m.length() / 2));
      }
    }
    return c.fin();
  }

  /** Replays {@code capture}; the registry holds what was counted. */
  static PrometheusMeterRegistry replay(TcpCapture capture) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try {
      new CaptureReplay(registry, TrackerOptions.DEFAULTS, 65535)
          .read(new ByteArrayInputStream(capture.bytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return registry;
  }

  static double options(PrometheusMeterRegistry r) {
    Counter c = r.find("sip.requests").tag("method", "OPTIONS").counter();
    return c == null ? 0 : c.count();
  }

  static double parseErrors(PrometheusMeterRegistry r, String reason) {
    Counter c = r.find("sip.exporter.parse.errors").tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }
}
