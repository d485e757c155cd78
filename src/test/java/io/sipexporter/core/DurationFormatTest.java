package io.sipexporter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations as flags spell them, read and written back in the largest exact unit. */
class DurationFormatTest {

  @Test
  void readsEachUnit() {
    assertThat(DurationFormat.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationFormat.parse(" 30s ")).isEqualTo(Duration.ofSeconds(30));
    assertThat(DurationFormat.parse("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(DurationFormat.parse("4h")).isEqualTo(Duration.ofHours(4));
  }

  @Test
  void zeroOnlyWhereAllowed() {
    assertThat(DurationFormat.parseZeroAllowed("0")).isZero();
    assertThat(DurationFormat.parseZeroAllowed("0ms")).isZero();
    assertThatThrownBy(() -> DurationFormat.parse("0s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'0s' is not a positive duration (a number and a unit: ms, s, m or h, e.g. 30s)");
    assertThatThrownBy(() -> DurationFormat.parseZeroAllowed("-1s"))
        .hasMessage("'-1s' is not a duration (a number and a unit: ms, s, m or h, e.g. 30s)");
    assertThatThrownBy(() -> DurationFormat.parse("5d")).hasMessageContaining("'5d' is not a");
    assertThatThrownBy(() -> DurationFormat.parse("1234567890s")).hasMessageContaining("is not a");
  }

  @Test
  void writesTheLargestExactUnit() {
    assertThat(DurationFormat.format(Duration.ofHours(25))).isEqualTo("25h");
    assertThat(DurationFormat.format(Duration.ofMinutes(3))).isEqualTo("3m");
    assertThat(DurationFormat.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(DurationFormat.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(DurationFormat.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(DurationFormat.format(Duration.ofSeconds(-3))).isEqualTo("-3s");
    assertThat(DurationFormat.format(Duration.ofNanos(500))).isEqualTo("PT0.0000005S");
  }

  @Test
  void whatItWritesItReadsBack() {
    for (String text : new String[] {"1ms", "999ms", "1s", "59s", "1m", "61m", "1h", "4h"}) {
      assertThat(DurationFormat.format(DurationFormat.parse(text))).isEqualTo(text);
    }
  }
}
