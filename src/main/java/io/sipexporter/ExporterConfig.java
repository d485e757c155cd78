package io.sipexporter;

import io.sipexporter.core.ListenAddress;
import io.sipexporter.http.WebLimits;
import io.sipexporter.input.HepInput;
import io.sipexporter.input.SipInput;
import io.sipexporter.metrics.NodeTable;
import io.sipexporter.metrics.SeriesBudget;
import io.sipexporter.net.ListenerOptions;
import io.sipexporter.net.SourceFilter;
import io.sipexporter.peers.PeerTable;
import io.sipexporter.peers.PeersFile;
import io.sipexporter.transaction.TrackerOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything the running exporter needs to know, as the command line (flags, environment variables,
 * config file) or tests give it. Each default is stated once, here or in the record that holds the
 * value ({@link ListenerOptions}, {@link TrackerOptions}, {@link WebLimits}, the inputs); the
 * constructors check every value and name the flag of one out of range.
 *
 * <pre>{@code
 * ExporterConfig config = ExporterConfig.builder().hepNodes(50).build();
 * }</pre>
 *
 * @param sipListen where the raw-SIP UDP socket and TCP server listen (same port for both)
 * @param hepListen where the HEP UDP socket and TCP server listen
 * @param hepAuthKey the auth key HEP packets must carry, or null (or empty) to take every packet
 * @param listener limits and buffers of the listeners
 * @param tracking transaction and call table capacities and timers, per input
 * @param webListen where the HTTP server listens
 * @param telemetryPath the path that serves metrics
 * @param webConfigFile the exporter-toolkit web config (TLS, basic auth), or null (or empty) for
 *     plain HTTP
 * @param hepNodes how many HEP capture agent ids get their own {@code node} label value; 0 = no
 *     {@code node} label
 * @param maxUnregisteredCodes how many codes outside the IANA registry get their own {@code code}
 *     label value; later ones are counted under their class
 * @param sipAllowed the senders the SIP input takes ({@link SourceFilter#ANY}: all)
 * @param hepAllowed the senders the HEP input takes
 * @param webLimits connections the web server holds at once, and how long a request's headers may
 *     take
 * @param peersFile the {@code --peers.file} naming peers by address, or null (or empty) for no
 *     {@code peer} and {@code direction} labels
 * @param seriesBudget how many series with a {@code node} or {@code peer} value of their own may be
 *     created before new ones fold into {@code other}
 */
public record ExporterConfig(
    ListenAddress sipListen,
    ListenAddress hepListen,
    String hepAuthKey,
    ListenerOptions listener,
    TrackerOptions tracking,
    ListenAddress webListen,
    String telemetryPath,
    Path webConfigFile,
    int hepNodes,
    int maxUnregisteredCodes,
    SourceFilter sipAllowed,
    SourceFilter hepAllowed,
    WebLimits webLimits,
    Path peersFile,
    int seriesBudget) {

  public static final String DEFAULT_WEB_LISTEN_ADDRESS = ":10060";
  public static final String DEFAULT_TELEMETRY_PATH = "/metrics";

  /** The default of {@code --hep.nodes}: no {@code node} label. */
  public static final int DEFAULT_HEP_NODES = 0;

  /** The default of {@code --metrics.max-unregistered-codes}. */
  public static final int DEFAULT_MAX_UNREGISTERED_CODES = 20;

  /** The largest {@code --metrics.series-budget}: about 100 MB of scrape. */
  public static final int MAX_SERIES_BUDGET = 1_000_000;

  /** The largest {@code --metrics.max-unregistered-codes}. */
  public static final int MAX_UNREGISTERED_CODES = 600;

  /**
   * Checks every value; the message names the flag. An empty auth key or web config file (an
   * environment variable set to nothing) turns it off.
   */
  public ExporterConfig {
    Objects.requireNonNull(sipListen, "sipListen");
    Objects.requireNonNull(hepListen, "hepListen");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(tracking, "tracking");
    Objects.requireNonNull(webListen, "webListen");
    Objects.requireNonNull(sipAllowed, "sipAllowed");
    Objects.requireNonNull(hepAllowed, "hepAllowed");
    Objects.requireNonNull(webLimits, "webLimits");
    if (hepAuthKey != null && hepAuthKey.isEmpty()) {
      hepAuthKey = null;
    }
    if (webConfigFile != null && webConfigFile.toString().isEmpty()) {
      webConfigFile = null;
    }
    if (peersFile != null && peersFile.toString().isEmpty()) {
      peersFile = null;
    }
    checkSeriesBudget(seriesBudget);
    if (telemetryPath == null || !telemetryPath.startsWith("/") || telemetryPath.length() < 2) {
      throw new IllegalArgumentException(
          "--web.telemetry-path must start with / and name a path, not '" + telemetryPath + "'");
    }
    checkHepNodes(hepNodes);
    if (maxUnregisteredCodes < 0 || maxUnregisteredCodes > MAX_UNREGISTERED_CODES) {
      throw new IllegalArgumentException(
          "--metrics.max-unregistered-codes must be 0 to "
              + MAX_UNREGISTERED_CODES
              + ", not "
              + maxUnregisteredCodes);
    }
  }

  /**
   * {@code --hep.nodes}, which {@code replay} takes too: the value, or the exception naming the
   * flag and its range.
   */
  public static int checkHepNodes(int value) {
    if (value < 0 || value > NodeTable.MAX_NODES) {
      throw new IllegalArgumentException(
          "--hep.nodes must be 0 (off) to " + NodeTable.MAX_NODES + ", not " + value);
    }
    return value;
  }

  /**
   * {@code --peers.file}, which {@code replay} takes too: the peers it names, or the exception
   * naming the flag, the file and the line.
   */
  public static PeerTable loadPeers(Path file) {
    try {
      return PeersFile.load(file);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--peers.file " + e.getMessage(), e);
    }
  }

  /** {@code --metrics.series-budget}: the value, or the exception naming the flag and its range. */
  public static int checkSeriesBudget(int value) {
    if (value < 0 || value > MAX_SERIES_BUDGET) {
      throw new IllegalArgumentException(
          "--metrics.series-budget must be 0 to " + MAX_SERIES_BUDGET + ", not " + value);
    }
    return value;
  }

  /** The defaults the README documents. */
  public static ExporterConfig defaults() {
    return builder().build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config. */
  public Builder toBuilder() {
    return new Builder()
        .sipListen(sipListen)
        .hepListen(hepListen)
        .hepAuthKey(hepAuthKey)
        .listener(listener)
        .tracking(tracking)
        .webListen(webListen)
        .telemetryPath(telemetryPath)
        .webConfigFile(webConfigFile)
        .hepNodes(hepNodes)
        .maxUnregisteredCodes(maxUnregisteredCodes)
        .sipAllowed(sipAllowed)
        .hepAllowed(hepAllowed)
        .webLimits(webLimits)
        .peersFile(peersFile)
        .seriesBudget(seriesBudget);
  }

  /** A config from the defaults, each value set at most once; {@link #build()} checks them. */
  public static final class Builder {
    private ListenAddress sipListen = ListenAddress.parse(SipInput.DEFAULT_LISTEN_ADDRESS);
    private ListenAddress hepListen = ListenAddress.parse(HepInput.DEFAULT_LISTEN_ADDRESS);
    private String hepAuthKey;
    private ListenerOptions listener = ListenerOptions.defaults();
    private TrackerOptions tracking = TrackerOptions.DEFAULTS;
    private ListenAddress webListen = ListenAddress.parse(DEFAULT_WEB_LISTEN_ADDRESS);
    private String telemetryPath = DEFAULT_TELEMETRY_PATH;
    private Path webConfigFile;
    private int hepNodes = DEFAULT_HEP_NODES;
    private int maxUnregisteredCodes = DEFAULT_MAX_UNREGISTERED_CODES;
    private Path peersFile;
    private int seriesBudget = SeriesBudget.DEFAULT;
    private SourceFilter sipAllowed = SourceFilter.ANY;
    private SourceFilter hepAllowed = SourceFilter.ANY;
    private WebLimits webLimits = WebLimits.DEFAULTS;

    private Builder() {}

    public Builder sipListen(ListenAddress value) {
      sipListen = value;
      return this;
    }

    public Builder hepListen(ListenAddress value) {
      hepListen = value;
      return this;
    }

    public Builder hepAuthKey(String value) {
      hepAuthKey = value;
      return this;
    }

    public Builder listener(ListenerOptions value) {
      listener = value;
      return this;
    }

    public Builder tracking(TrackerOptions value) {
      tracking = value;
      return this;
    }

    public Builder webListen(ListenAddress value) {
      webListen = value;
      return this;
    }

    public Builder telemetryPath(String value) {
      telemetryPath = value;
      return this;
    }

    public Builder webConfigFile(Path value) {
      webConfigFile = value;
      return this;
    }

    public Builder hepNodes(int value) {
      hepNodes = value;
      return this;
    }

    public Builder maxUnregisteredCodes(int value) {
      maxUnregisteredCodes = value;
      return this;
    }

    public Builder sipAllowed(SourceFilter value) {
      sipAllowed = value;
      return this;
    }

    public Builder hepAllowed(SourceFilter value) {
      hepAllowed = value;
      return this;
    }

    public Builder webLimits(WebLimits value) {
      webLimits = value;
      return this;
    }

    public Builder peersFile(Path value) {
      peersFile = value;
      return this;
    }

    public Builder seriesBudget(int value) {
      seriesBudget = value;
      return this;
    }

    /** The config; IllegalArgumentException names the flag whose value is out of range. */
    public ExporterConfig build() {
      return new ExporterConfig(
          sipListen,
          hepListen,
          hepAuthKey,
          listener,
          tracking,
          webListen,
          telemetryPath,
          webConfigFile,
          hepNodes,
          maxUnregisteredCodes,
          sipAllowed,
          hepAllowed,
          webLimits,
          peersFile,
          seriesBudget);
    }
  }
}
