package io.sipexporter;

import io.sipexporter.core.ListenAddress;
import io.sipexporter.net.ListenerOptions;
import io.sipexporter.transaction.TrackerOptions;

/** An in-process exporter's config for the integration tests: every port ephemeral on loopback. */
final class LoopbackConfig {
  private LoopbackConfig() {}

  /**
   * SIP, HEP and HTTP on 127.0.0.1 at ports the OS picks, two event loops per input, {@code
   * /metrics}; {@code hepAuthKey} may be null.
   */
  static ExporterConfig of(ListenerOptions listeners, TrackerOptions tracker, String hepAuthKey) {
    ListenAddress any = ListenAddress.parse("127.0.0.1:0");
    return ExporterConfig.builder()
        .sipListen(any)
        .hepListen(any)
        .hepAuthKey(hepAuthKey)
        .listener(listeners.withEventLoops(2))
        .tracking(tracker)
        .webListen(any)
        .telemetryPath("/metrics")
        .build();
  }
}
