package io.sipexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipexporter.transaction.TrackerOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --transactions.reorder-window}: a duration that may be zero, shorter than the timeout. */
class ReorderWindowFlagTest {
  private static TrackerOptions tracking(String... args) {
    CommandLine cl = SipExporterCommand.newCommandLine();
    cl.parseArgs(args);
    return ((SipExporterCommand) cl.getCommand()).toConfig().tracking();
  }

  @Test
  void defaultsTo500Milliseconds() {
    assertThat(tracking().reorderWindow()).isEqualTo(Duration.ofMillis(500));
    assertThat(TrackerOptions.DEFAULTS.reorderWindow()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void zeroInAnyFormTurnsItOff() {
    assertThat(tracking("--transactions.reorder-window=0").reorderWindow()).isZero();
    assertThat(tracking("--transactions.reorder-window=0s").reorderWindow()).isZero();
    assertThat(tracking("--transactions.reorder-window=0ms").reorderWindow()).isZero();
    assertThat(tracking("--transactions.reorder-window=2s").reorderWindow())
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void otherDurationsStillRejectZero() {
    assertThatThrownBy(() -> DurationConverter.parse("0s"))
        .hasMessageContaining("not a positive duration");
    assertThatThrownBy(() -> new DurationConverter().convert("0"))
        .hasMessageContaining("not a positive duration");
    assertThatThrownBy(() -> tracking("--transactions.timeout=0s"))
        .hasMessageContaining("not a positive duration");
  }

  @Test
  void rejectsNegativeAndGarbageAndWindowsNotShorterThanTheTimeout() {
    var zeroAllowed = new DurationConverter.ZeroAllowed();
    assertThatThrownBy(() -> zeroAllowed.convert("-1s")).hasMessageContaining("not a duration");
    assertThatThrownBy(() -> zeroAllowed.convert("0x")).hasMessageContaining("not a duration");
    assertThatThrownBy(() -> tracking("--transactions.reorder-window=32s"))
        .hasMessageContaining(
            "--transactions.reorder-window must be shorter than --transactions.timeout");
  }
}
