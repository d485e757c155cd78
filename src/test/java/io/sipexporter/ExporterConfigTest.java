package io.sipexporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipexporter.core.ListenAddress;
import io.sipexporter.http.WebLimits;
import io.sipexporter.net.ListenerOptions;
import io.sipexporter.net.SourceFilter;
import io.sipexporter.transaction.TrackerOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The exporter's config: its defaults, its checks naming the flag, and its builder. */
class ExporterConfigTest {

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    ExporterConfig d = ExporterConfig.defaults();
    assertThat(d.sipListen()).isEqualTo(ListenAddress.parse(":5060"));
    assertThat(d.hepListen()).isEqualTo(ListenAddress.parse(":9060"));
    assertThat(d.hepAuthKey()).isNull();
    assertThat(d.listener()).isEqualTo(ListenerOptions.defaults());
    assertThat(d.tracking()).isEqualTo(TrackerOptions.DEFAULTS);
    assertThat(d.webListen()).isEqualTo(ListenAddress.parse(":10060"));
    assertThat(d.telemetryPath()).isEqualTo("/metrics");
    assertThat(d.webConfigFile()).isNull();
    assertThat(d.hepNodes()).isZero();
    assertThat(d.maxUnregisteredCodes()).isEqualTo(20);
    assertThat(d.sipAllowed()).isSameAs(SourceFilter.ANY);
    assertThat(d.hepAllowed()).isSameAs(SourceFilter.ANY);
    assertThat(d.webLimits()).isEqualTo(WebLimits.DEFAULTS);
  }

  @Test
  void valuesOutOfRangeNameTheirFlag() {
    assertThatThrownBy(() -> ExporterConfig.builder().hepNodes(1001).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--hep.nodes must be 0 (off) to 1000, not 1001");
    assertThatThrownBy(() -> ExporterConfig.builder().hepNodes(-1).build())
        .hasMessage("--hep.nodes must be 0 (off) to 1000, not -1");
    assertThatThrownBy(() -> ExporterConfig.builder().maxUnregisteredCodes(601).build())
        .hasMessage("--metrics.max-unregistered-codes must be 0 to 600, not 601");
    assertThatThrownBy(() -> ExporterConfig.builder().telemetryPath("/").build())
        .hasMessage("--web.telemetry-path must start with / and name a path, not '/'");
    assertThatThrownBy(() -> ExporterConfig.builder().telemetryPath("metrics").build())
        .hasMessage("--web.telemetry-path must start with / and name a path, not 'metrics'");
    assertThat(ExporterConfig.builder().hepNodes(1000).maxUnregisteredCodes(600).build())
        .extracting(ExporterConfig::hepNodes, ExporterConfig::maxUnregisteredCodes)
        .containsExactly(1000, 600);
  }

  @Test
  void anEmptyAuthKeyOrWebConfigFileTurnsItOff() {
    ExporterConfig config =
        ExporterConfig.builder().hepAuthKey("").webConfigFile(Path.of("")).build();
    assertThat(config.hepAuthKey()).isNull();
    assertThat(config.webConfigFile()).isNull();
  }

  @Test
  void aBuilderChangesOnlyWhatItIsTold() {
    ExporterConfig changed =
        ExporterConfig.defaults().toBuilder().hepNodes(7).hepAuthKey("k").build();
    assertThat(changed.hepNodes()).isEqualTo(7);
    assertThat(changed.hepAuthKey()).isEqualTo("k");
    assertThat(changed.toBuilder().hepNodes(0).hepAuthKey(null).build())
        .isEqualTo(ExporterConfig.defaults());
  }
}
