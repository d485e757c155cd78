package io.sipexporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The reload rule: a weakening candidate is refused, and the self-metrics follow each outcome. */
class ConfigReloaderTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Clock startClock = Clock.fixed(Instant.ofEpochSecond(1_000), ZoneOffset.UTC);

  // a "config" is a number of users here; fewer than the running one weakens it
  private final ConfigReloader<Integer> reloader =
      new ConfigReloader<>(
          "peers",
          3,
          (running, next) -> next < running ? "users: " + next + " < " + running : null,
          registry,
          startClock);

  private double gauge(String name) {
    return registry.get(name).tag("config", "peers").gauge().value();
  }

  @Test
  void startsSuccessfulAtTheStartTime() {
    assertThat(gauge("sip.exporter.config.last.reload.successful")).isEqualTo(1);
    assertThat(gauge("sip.exporter.config.last.reload.success.timestamp")).isEqualTo(1000);
    assertThat(reloader.running()).isEqualTo(3);
  }

  @Test
  void aWeakeningCandidateIsRefusedWithTheDowngradesReasonAndTheRunningOneStays() {
    assertThatThrownBy(() -> reloader.check(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("users: 2 < 3 (a weaker setting needs a restart)");
    assertThat(reloader.check(4)).isEqualTo(4);
    assertThat(reloader.running()).as("check alone installs nothing").isEqualTo(3);
  }

  @Test
  void aFailureSetsTheGaugeToZeroUntilAGoodReloadOrTheFilesHoldTheRunningConfigAgain() {
    reloader.failed(new IllegalArgumentException("bad file"));
    assertThat(gauge("sip.exporter.config.last.reload.successful")).isZero();
    assertThat(gauge("sip.exporter.config.last.reload.success.timestamp")).isEqualTo(1000);
    assertThat(reloader.running()).isEqualTo(3);

    reloader.applied(5);
    assertThat(gauge("sip.exporter.config.last.reload.successful")).isEqualTo(1);
    assertThat(reloader.running()).isEqualTo(5);

    reloader.failed(new IllegalArgumentException("bad again"));
    reloader.unchanged();
    assertThat(gauge("sip.exporter.config.last.reload.successful")).isEqualTo(1);
  }
}
