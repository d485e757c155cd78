package io.sipexporter.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The tracker's options hold each flag's default and range; a value out of range names its flag.
 */
class TrackerOptionsTest {

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    TrackerOptions d = TrackerOptions.DEFAULTS;
    assertThat(d.transactionCapacity()).isEqualTo(262_144);
    assertThat(d.transactionTimeout()).isEqualTo(Duration.ofSeconds(32));
    assertThat(d.inviteTimeout()).isEqualTo(Duration.ofMinutes(3));
    assertThat(d.callCapacity()).isEqualTo(65_536);
    assertThat(d.maxCallDuration()).isEqualTo(Duration.ofHours(4));
    assertThat(d.reorderWindow()).isEqualTo(Duration.ofMillis(500));
    assertThat(d.exemplars()).isFalse();
    assertThat(d.maxClockSkew()).isEqualTo(Duration.ofMinutes(5));
    assertThat(TrackerOptions.builder().build()).isEqualTo(d);
  }

  @Test
  void capacitiesOutOfRangeNameTheirFlag() {
    assertThatThrownBy(() -> TrackerOptions.builder().transactionCapacity(5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--transactions.capacity must be 1024 to 67108864, not 5");
    assertThatThrownBy(() -> TrackerOptions.builder().transactionCapacity((1 << 26) + 1).build())
        .hasMessage("--transactions.capacity must be 1024 to 67108864, not 67108865");
    assertThatThrownBy(() -> TrackerOptions.builder().callCapacity(255).build())
        .hasMessage("--calls.capacity must be 256 to 67108864, not 255");
    assertThat(
            TrackerOptions.builder()
                .transactionCapacity(1024)
                .callCapacity(1 << 26)
                .build()
                .callCapacity())
        .isEqualTo(1 << 26);
  }

  @Test
  void timersMustBePositiveAndNameTheirFlag() {
    assertThatThrownBy(() -> TrackerOptions.builder().transactionTimeout(Duration.ZERO).build())
        .hasMessage("--transactions.timeout must be more than 0, not 0s");
    assertThatThrownBy(() -> TrackerOptions.builder().inviteTimeout(Duration.ofSeconds(-3)).build())
        .hasMessage("--transactions.invite-timeout must be more than 0, not -3s");
    assertThatThrownBy(() -> TrackerOptions.builder().maxCallDuration(null).build())
        .hasMessage("--calls.max-duration must be more than 0, not none");
  }

  @Test
  void theReorderWindowIsZeroOrMoreAndShorterThanTheTimeout() {
    assertThat(TrackerOptions.DEFAULTS.withReorderWindow(Duration.ZERO).reorderWindow()).isZero();
    assertThatThrownBy(() -> TrackerOptions.DEFAULTS.withReorderWindow(Duration.ofMillis(-1)))
        .hasMessage("--transactions.reorder-window must be 0 or more, not -1ms");
    assertThatThrownBy(() -> TrackerOptions.DEFAULTS.withReorderWindow(Duration.ofSeconds(32)))
        .hasMessage(
            "--transactions.reorder-window must be shorter than --transactions.timeout, not 32s");
  }

  @Test
  void theMaximumClockSkewIsMoreThanZeroAndAtMostADay() {
    assertThat(TrackerOptions.DEFAULTS.withMaxClockSkew(Duration.ofHours(24)).maxClockSkew())
        .isEqualTo(Duration.ofHours(24));
    assertThatThrownBy(() -> TrackerOptions.DEFAULTS.withMaxClockSkew(Duration.ofHours(25)))
        .hasMessage("--transactions.max-clock-skew: '25h' is more than 24h");
    assertThatThrownBy(() -> TrackerOptions.DEFAULTS.withMaxClockSkew(Duration.ZERO))
        .hasMessage("--transactions.max-clock-skew must be more than 0, not 0s");
  }

  @Test
  void aBuilderChangesOnlyWhatItIsTold() {
    TrackerOptions changed =
        TrackerOptions.DEFAULTS.toBuilder().callCapacity(1024).exemplars(true).build();
    assertThat(changed)
        .isEqualTo(
            new TrackerOptions(
                262_144,
                Duration.ofSeconds(32),
                Duration.ofSeconds(180),
                1024,
                Duration.ofHours(4),
                Duration.ofMillis(500),
                true,
                Duration.ofMinutes(5)));
    assertThat(changed.toBuilder().build()).isEqualTo(changed);
  }
}
