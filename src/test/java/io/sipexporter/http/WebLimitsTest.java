package io.sipexporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The web limits hold their flags' defaults and ranges; a value out of range names its flag. */
class WebLimitsTest {

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    assertThat(WebLimits.DEFAULTS).isEqualTo(new WebLimits(64, Duration.ofSeconds(10)));
  }

  @Test
  void valuesOutOfRangeNameTheirFlag() {
    assertThatThrownBy(() -> new WebLimits(0, Duration.ofSeconds(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--web.max-connections must be 1 to 4096, not 0");
    assertThatThrownBy(() -> new WebLimits(4097, Duration.ofSeconds(10)))
        .hasMessage("--web.max-connections must be 1 to 4096, not 4097");
    assertThatThrownBy(() -> new WebLimits(64, Duration.ofMillis(99)))
        .hasMessage("--web.read-header-timeout must be 100ms to 30s, not 99ms");
    assertThatThrownBy(() -> new WebLimits(64, Duration.ofSeconds(31)))
        .hasMessage("--web.read-header-timeout must be 100ms to 30s, not 31s");
  }
}
