package io.sipexporter.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.tracer.common.SpanContext;
import io.sipexporter.sip.SipMessage;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Puts the SIP Call-ID on the duration histograms as OpenMetrics exemplars ({@code
 * --transactions.exemplars}): a {@link SpanContext} for the Prometheus registry whose "trace" is
 * the message being recorded on this thread. client_java's exemplar sampler asks it for a trace id
 * only when it keeps a sample (per histogram, at most one every 90 ms, and a bucket's exemplar is
 * replaced after 7 s at the earliest), so the Call-ID String is built only then.
 *
 * <p>Exemplar labels: {@code trace_id} is the Call-ID, {@code span_id} the CSeq ({@code "1
 * INVITE"}: which transaction of the call). Bytes outside printable ASCII become {@code _}, and the
 * Call-ID is cut so that names and values stay within the 128 characters OpenMetrics allows an
 * exemplar's labels (a longer one keeps its first characters).
 *
 * <pre>{@code
 * CallIdExemplars exemplars = new CallIdExemplars();
 * PrometheusMeterRegistry registry = CallIdExemplars.newRegistry(exemplars);
 * TransactionMeters meters = new TransactionMeters(registry, exemplars);
 * }</pre>
 */
public final class CallIdExemplars implements SpanContext {
  /** OpenMetrics 1.0, Exemplars: label names and values together at most 128 characters. */
  static final int MAX_LABEL_CHARS = 128;

  private static final int NAMES = "trace_id".length() + "span_id".length();

  /**
   * Exemplars on histogram buckets only, as OpenMetrics 1.0 allows (and counters, which get none
   * here). Micrometer's default also writes the latest on each {@code _count}, and Prometheus
   * before 2.43 (Debian 12 ships 2.42) rejects the whole scrape for it: "metric name ..._count does
   * not support exemplars".
   */
  private static final PrometheusConfig BUCKETS_ONLY =
      new PrometheusConfig() {
        @Override
        public String get(String key) {
          return null;
        }

        @Override
        public Properties prometheusProperties() {
          Properties properties = new Properties();
          properties.setProperty("io.prometheus.exporter.exemplarsOnAllMetricTypes", "false");
          return properties;
        }
      };

  // per instance on purpose: each registry's sampler sees only the messages recorded through it
  @SuppressWarnings("ThreadLocalUsage")
  private final ThreadLocal<SipMessage> current = new ThreadLocal<>();

  /**
   * A Prometheus registry that samples exemplars from {@code exemplars}; without (null), exactly
   * the default registry, which samples none.
   */
  public static PrometheusMeterRegistry newRegistry(CallIdExemplars exemplars) {
    if (exemplars == null) {
      return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }
    return new PrometheusMeterRegistry(
        BUCKETS_ONLY, new PrometheusRegistry(), Clock.SYSTEM, exemplars);
  }

  /**
   * Records {@code nanos} on {@code timer} with {@code msg} as the candidate exemplar. Allocates
   * nothing unless the sampler keeps this observation (the thread's map entry is made once).
   */
  public void record(Timer timer, long nanos, SipMessage msg) {
    current.set(msg);
    try {
      timer.record(nanos, TimeUnit.NANOSECONDS);
    } finally {
      current.set(null); // not remove(): keeps the entry, so the next set allocates nothing
    }
  }

  @Override
  public boolean isCurrentSpanSampled() {
    return current.get() != null;
  }

  @Override
  public String getCurrentTraceId() {
    SipMessage msg = current.get();
    if (msg == null) {
      return null;
    }
    int max = MAX_LABEL_CHARS - NAMES - spanId(msg).length();
    return printable(msg.buffer(), msg.callIdOffset(), Math.min(msg.callIdLength(), max));
  }

  @Override
  public String getCurrentSpanId() {
    SipMessage msg = current.get();
    return msg == null ? null : spanId(msg);
  }

  @Override
  public void markCurrentSpanAsExemplar() {
    // no tracer to tell: the capture tool finds the call by its Call-ID
  }

  /** The CSeq as a short label: number and method, e.g. {@code 1 INVITE}. */
  private static String spanId(SipMessage msg) {
    return msg.cseqNumber() + " " + msg.cseqMethod().label();
  }

  /** {@code buf[off, off+len)} as ASCII, each byte outside {@code !} to {@code ~} as {@code _}. */
  static String printable(byte[] buf, int off, int len) {
    char[] out = new char[Math.max(0, len)];
    for (int i = 0; i < out.length; i++) {
      int b = buf[off + i] & 0xff;
      out[i] = b > ' ' && b < 0x7f ? (char) b : '_';
    }
    return new String(out);
  }
}
