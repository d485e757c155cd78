package io.sipexporter.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sipexporter.metrics.SipMeters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The live rate of a response code (or class) by method, read from this exporter's own {@code
 * sip_responses_total} counters: the web server takes a snapshot of them every {@link #interval()}
 * on its event loop, and a page shows the per-second rate between the last two snapshots, with the
 * total since start read at once.
 *
 * <pre>{@code
 * CodeRates rates = new CodeRates(registry);
 * vertx.setPeriodic(rates.interval().toMillis(), id -> rates.snapshot());
 * CodeRates.Live live = rates.ofCode(437); // rows by method, rate once two snapshots exist
 * }</pre>
 */
public final class CodeRates {
  /** How often the web server snapshots the counters: the rate's window. */
  public static final Duration INTERVAL = Duration.ofSeconds(15);

  private static final String METER = SipMeters.RESPONSES.meterName();

  private final MeterRegistry registry;
  private final Duration interval;
  private final LongSupplier nanoTime;
  // replaced whole, never changed: readers on any thread see one consistent pair
  private volatile Snapshots snapshots = new Snapshots(null, null);

  /** Rates over {@link #INTERVAL}. */
  public CodeRates(MeterRegistry registry) {
    this(registry, INTERVAL, System::nanoTime);
  }

  /**
   * @param interval how often {@link #snapshot()} is called, shown on the page as the window
   * @param nanoTime the clock snapshots are timed with
   */
  public CodeRates(MeterRegistry registry, Duration interval, LongSupplier nanoTime) {
    this.registry = registry;
    this.interval = interval;
    this.nanoTime = nanoTime;
  }

  /** How often snapshots are meant to be taken. */
  public Duration interval() {
    return interval;
  }

  /** Reads every response counter now; the rate is the difference to the previous snapshot. */
  public void snapshot() {
    List<Row> rows = new ArrayList<>();
    for (Counter c : registry.find(METER).counters()) {
      rows.add(
          new Row(
              side(c),
              Objects.requireNonNullElse(c.getId().getTag("code"), ""),
              Objects.requireNonNullElse(c.getId().getTag("class"), ""),
              c.count()));
    }
    snapshots = new Snapshots(snapshots.latest, new Snapshot(nanoTime.getAsLong(), rows));
  }

  /**
   * A metric's total over all its series since start: the sum of its counters, or of its
   * histograms' observation counts; 0 when it has no series yet.
   */
  public double sinceStart(SipMeters meter) {
    double total = 0;
    for (Meter m : registry.find(meter.meterName()).meters()) {
      if (m instanceof Counter c) {
        total += c.count();
      } else if (m instanceof Timer t) {
        total += t.count();
      } else if (m instanceof DistributionSummary d) {
        total += d.count();
      }
    }
    return total;
  }

  /** The responses with {@code code}, by method. */
  public Live ofCode(int code) {
    return live("code", Integer.toString(code));
  }

  /** The responses of a class such as {@code 4xx}, by method. */
  public Live ofClass(String label) {
    return live("class", label);
  }

  private Live live(String key, String value) {
    Map<Side, Double> totals = new TreeMap<>();
    for (Counter c : registry.find(METER).tag(key, value).counters()) {
      totals.merge(side(c), c.count(), Double::sum);
    }
    Snapshots s = snapshots;
    boolean hasRate = s.previous != null;
    Map<Side, Double> latest = hasRate ? s.latest.bySide(key, value) : Map.of();
    Map<Side, Double> previous = hasRate ? s.previous.bySide(key, value) : Map.of();
    double seconds = hasRate ? (s.latest.nanos - s.previous.nanos) / 1e9 : 0;
    List<MethodRate> rows = new ArrayList<>();
    for (Map.Entry<Side, Double> e : totals.entrySet()) {
      double rate =
          hasRate && seconds > 0
              ? (latest.getOrDefault(e.getKey(), 0.0) - previous.getOrDefault(e.getKey(), 0.0))
                  / seconds
              : Double.NaN;
      Side side = e.getKey();
      rows.add(
          new MethodRate(
              side.method(), side.peer(), side.direction(), (long) (double) e.getValue(), rate));
    }
    return new Live(rows, hasRate, interval);
  }

  /** The method, peer and direction of a counter ({@code ""} for a label it does not have). */
  private static Side side(Counter c) {
    return new Side(
        Objects.requireNonNullElse(c.getId().getTag("method"), ""),
        Objects.requireNonNullElse(c.getId().getTag(SipMeters.PEER_LABEL), ""),
        Objects.requireNonNullElse(c.getId().getTag(SipMeters.DIRECTION_LABEL), ""));
  }

  /**
   * One line: responses of one method (and, with {@code --peers.file}, one peer and direction;
   * {@code ""} otherwise) since start, and the per-second rate over the last window ({@code NaN}
   * until two snapshots exist).
   */
  public record MethodRate(
      String method, String peer, String direction, long total, double perSecond) {}

  /**
   * What a page shows: one row per method (and peer and direction) that answered with the code, and
   * whether the rate column is filled yet.
   */
  public record Live(List<MethodRate> rows, boolean hasRate, Duration window) {
    public Live {
      rows = List.copyOf(rows);
    }

    /** True when some row names a peer: the page then shows peer and direction columns. */
    public boolean byPeer() {
      return rows.stream().anyMatch(r -> !r.peer().isEmpty() || !r.direction().isEmpty());
    }
  }

  private record Side(String method, String peer, String direction) implements Comparable<Side> {
    private static final Comparator<Side> ORDER =
        Comparator.comparing(Side::method).thenComparing(Side::peer).thenComparing(Side::direction);

    @Override
    public int compareTo(Side o) {
      return ORDER.compare(this, o);
    }
  }

  private record Row(Side side, String code, String codeClass, double count) {}

  private record Snapshot(long nanos, List<Row> rows) {
    Map<Side, Double> bySide(String key, String value) {
      Map<Side, Double> out = new TreeMap<>();
      for (Row r : rows) {
        String v = key.equals("code") ? r.code : r.codeClass;
        if (v.equals(value)) {
          out.merge(r.side, r.count, Double::sum);
        }
      }
      return out;
    }
  }

  private record Snapshots(Snapshot previous, Snapshot latest) {}
}
