package io.sipexporter.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The exporter's version and git revision, read from the build, and the metric that shows them. */
public record BuildInfo(String version, String revision) implements MeterBinder {

  /** Reads {@code build.properties}, which Maven fills in at build time. */
  public static BuildInfo load() {
    Properties props = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/io/sipexporter/build.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BuildInfo(
        props.getProperty("version", "unknown"), props.getProperty("revision", "unknown"));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(SipMeters.BUILD_INFO.meterName(), () -> 1)
        .description(SipMeters.BUILD_INFO.help())
        .tag("version", version)
        .tag("revision", revision)
        .register(registry);
  }
}
