package io.sipexporter;

import io.sipexporter.core.ListenAddress;
import io.sipexporter.http.WebLimits;
import io.sipexporter.net.ListenerOptions;
import io.sipexporter.net.SourceFilter;
import io.sipexporter.transaction.TrackerOptions;

/**
 * Everything the running exporter needs to know, as the command line or tests give it.
 *
 * @param sipListen where the raw-SIP UDP socket and TCP server listen (same port for both)
 * @param hepListen where the HEP UDP socket and TCP server listen
 * @param hepAuthKey the auth key HEP packets must carry, or null to take every packet
 * @param listener limits and buffers of the listeners
 * @param tracking transaction and call table capacities and timers, per input
 * @param webListen where the HTTP server listens
 * @param telemetryPath the path that serves metrics
 * @param webConfigFile the exporter-toolkit web config (TLS, basic auth), or null for plain HTTP
 * @param hepNodes how many HEP capture agent ids get their own {@code node} label value; 0 = no
 *     {@code node} label
 * @param maxUnregisteredCodes how many codes outside the IANA registry get their own {@code code}
 *     label value; later ones are counted under their class
 * @param sipAllowed the senders the SIP input takes ({@link SourceFilter#ANY}: all)
 * @param hepAllowed the senders the HEP input takes
 * @param webLimits connections the web server holds at once, and how long a request's headers may
 *     take
 */
public record ExporterConfig(
    ListenAddress sipListen,
    ListenAddress hepListen,
    String hepAuthKey,
    ListenerOptions listener,
    TrackerOptions tracking,
    ListenAddress webListen,
    String telemetryPath,
    java.nio.file.Path webConfigFile,
    int hepNodes,
    int maxUnregisteredCodes,
    SourceFilter sipAllowed,
    SourceFilter hepAllowed,
    WebLimits webLimits) {

  /** The default of {@code --metrics.max-unregistered-codes}. */
  public static final int DEFAULT_MAX_UNREGISTERED_CODES = 20;

  /** A config without a web config file: plain HTTP, no authentication. */
  public ExporterConfig(
      ListenAddress sipListen,
      ListenAddress hepListen,
      String hepAuthKey,
      ListenerOptions listener,
      TrackerOptions tracking,
      ListenAddress webListen,
      String telemetryPath) {
    this(
        sipListen,
        hepListen,
        hepAuthKey,
        listener,
        tracking,
        webListen,
        telemetryPath,
        null,
        0,
        DEFAULT_MAX_UNREGISTERED_CODES,
        SourceFilter.ANY,
        SourceFilter.ANY,
        WebLimits.DEFAULTS);
  }

  /** This config with {@code --hep.nodes} set. */
  public ExporterConfig withHepNodes(int value) {
    return new ExporterConfig(
        sipListen,
        hepListen,
        hepAuthKey,
        listener,
        tracking,
        webListen,
        telemetryPath,
        webConfigFile,
        value,
        maxUnregisteredCodes,
        sipAllowed,
        hepAllowed,
        webLimits);
  }

  /** This config with {@code --metrics.max-unregistered-codes} set. */
  public ExporterConfig withMaxUnregisteredCodes(int value) {
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
        value,
        sipAllowed,
        hepAllowed,
        webLimits);
  }

  /** This config with {@code --sip.allowed-sources} and {@code --hep.allowed-sources} set. */
  public ExporterConfig withAllowedSources(SourceFilter sip, SourceFilter hep) {
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
        sip,
        hep,
        webLimits);
  }

  /** This config with {@code --web.max-connections} and {@code --web.read-header-timeout} set. */
  public ExporterConfig withWebLimits(WebLimits value) {
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
        value);
  }

  /** The defaults the README documents. */
  public static ExporterConfig defaults() {
    return new ExporterConfig(
        ListenAddress.parse(":5060"),
        ListenAddress.parse(":9060"),
        null,
        ListenerOptions.defaults(),
        TrackerOptions.DEFAULTS,
        ListenAddress.parse(":10060"),
        "/metrics");
  }
}
