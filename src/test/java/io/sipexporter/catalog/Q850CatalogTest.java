package io.sipexporter.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundled Q.850 cause catalogue against ITU-T Q.850's value list and RFC 3398 8.2.6.1. */
class Q850CatalogTest {
  /** Every cause value ITU-T Q.850 (05/98) assigns. */
  private static final int[] ASSIGNED = {
    1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17, 18, 19, 20, 21, 22, 23, 25, 26, 27, 28, 29, 30, 31, 34, 38,
    39, 40, 41, 42, 43, 44, 46, 47, 49, 50, 53, 55, 57, 58, 62, 63, 65, 66, 69, 70, 79, 81, 82, 83,
    84, 85, 86, 87, 88, 90, 91, 95, 96, 97, 98, 99, 100, 101, 102, 103, 110, 111, 127
  };

  /** RFC 3398 8.2.6.1's table, ISUP cause to SIP response; every other cause gets 500. */
  private static final Map<Integer, Integer> RFC_3398 =
      Map.ofEntries(
          Map.entry(1, 404),
          Map.entry(2, 404),
          Map.entry(3, 404),
          Map.entry(17, 486),
          Map.entry(18, 408),
          Map.entry(19, 480),
          Map.entry(20, 480),
          Map.entry(21, 403),
          Map.entry(22, 410),
          Map.entry(23, 410),
          Map.entry(26, 404),
          Map.entry(27, 502),
          Map.entry(28, 484),
          Map.entry(29, 501),
          Map.entry(31, 480),
          Map.entry(34, 503),
          Map.entry(38, 503),
          Map.entry(41, 503),
          Map.entry(42, 503),
          Map.entry(47, 503),
          Map.entry(55, 403),
          Map.entry(57, 403),
          Map.entry(58, 503),
          Map.entry(65, 488),
          Map.entry(70, 488),
          Map.entry(79, 501),
          Map.entry(87, 403),
          Map.entry(88, 503),
          Map.entry(102, 504),
          Map.entry(111, 500),
          Map.entry(127, 500));

  private final Q850Catalog q850 = Q850Catalog.load();
  private final ResponseCodeCatalog codes = ResponseCodeCatalog.load();

  @Test
  void holdsExactlyTheAssignedCausesEachWithANameMeaningAndCheck() {
    assertThat(q850.all().stream().mapToInt(Q850Cause::cause).toArray()).containsExactly(ASSIGNED);
    for (Q850Cause c : q850.all()) {
      assertThat(c.assigned()).isTrue();
      assertThat(c.name()).as("%d name", c.cause()).isNotBlank();
      assertThat(c.meaning()).as("%d meaning", c.cause()).hasSizeGreaterThan(20);
      assertThat(c.check()).as("%d check", c.cause()).hasSizeGreaterThan(10);
    }
  }

  @Test
  void everyCauseMapsAsRfc3398Says() {
    for (Q850Cause c : q850.all()) {
      if (c.cause() == 16) {
        continue;
      }
      int expected = RFC_3398.getOrDefault(c.cause(), 500);
      assertThat(c.sipResponse()).as("cause %d", c.cause()).isEqualTo(expected);
      assertThat(c.sipDefault())
          .as("cause %d default", c.cause())
          .isEqualTo(!RFC_3398.containsKey(c.cause()));
    }
  }

  @Test
  void normalClearingMapsToNoSipResponse() {
    Q850Cause c = q850.lookup(16).orElseThrow();
    assertThat(c.hasSipResponse()).isFalse();
    assertThat(c.freeswitch()).isEqualTo("NORMAL_CLEARING");
    assertThat(Q850Text.sip(codes, c)).startsWith("no SIP response").contains("BYE");
  }

  @ParameterizedTest
  @CsvSource({
    "17, 486, User busy, USER_BUSY",
    "19, 480, No answer from user (user alerted), NO_ANSWER",
    "21, 403, Call rejected, CALL_REJECTED",
    "102, 504, Recovery on timer expiry, RECOVERY_ON_TIMER_EXPIRE"
  })
  void wellKnownCauses(int cause, int sip, String name, String freeswitch) {
    Q850Cause c = q850.explain(cause);
    assertThat(c.name()).isEqualTo(name);
    assertThat(c.sipResponse()).isEqualTo(sip);
    assertThat(c.freeswitch()).isEqualTo(freeswitch);
  }

  @Test
  void callRejectedNotesTheDeclineVariant() {
    assertThat(q850.explain(21).sipNote()).contains("603");
    assertThat(Q850Text.text(codes, q850.explain(21)))
        .contains("403 Forbidden")
        .contains("603 Decline");
  }

  @ParameterizedTest
  @CsvSource({
    "24, normal event, 0-31",
    "33, resource unavailable, 32-47",
    "48, service or option not available, 48-63",
    "64, service or option not implemented, 64-79",
    "80, invalid message, 80-95",
    "104, protocol error, 96-111",
    "112, interworking, 112-127"
  })
  void anUnassignedCauseExplainsAsUnassignedWithItsRangeClass(
      int cause, String range, String bounds) {
    assertThat(q850.lookup(cause)).isEmpty();
    Q850Cause c = q850.explain(cause);
    assertThat(c.assigned()).isFalse();
    assertThat(c.name()).isEqualTo("Unassigned");
    assertThat(c.rangeClass()).isEqualTo(range);
    assertThat(c.meaning()).contains(range).contains(bounds);
    assertThat(c.sipResponse()).isEqualTo(500);
  }

  @Test
  void everyValueOneTo127Explains() {
    assertThat(IntStream.rangeClosed(1, 127).mapToObj(q850::explain).map(Q850Cause::cause))
        .hasSize(127);
  }

  @ParameterizedTest
  @ValueSource(strings = {"q850:16", "Q.850:16", "q.850:16", "Q850:16", " q850: 16 ", "16"})
  void parsesACauseArgumentIgnoringCase(String arg) {
    assertThat(Q850Catalog.parseCause(arg)).isEqualTo(16);
  }

  @Test
  void tellsCauseArgumentsFromCodes() {
    assertThat(Q850Catalog.isCauseArgument("Q.850:16")).isTrue();
    assertThat(Q850Catalog.isCauseArgument("q850:abc")).isTrue();
    assertThat(Q850Catalog.isCauseArgument("486")).isFalse();
    assertThat(Q850Catalog.isCauseArgument("Busy Here")).isFalse();
  }

  @Test
  void badCausesAreNamedInTheError() {
    assertThatThrownBy(() -> Q850Catalog.parseCause("q850:999"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'999' is out of range: Q.850 cause values are 1 to 127");
    assertThatThrownBy(() -> Q850Catalog.parseCause("q850:abc"))
        .hasMessageStartingWith("'abc' is not a cause number");
    assertThatThrownBy(() -> Q850Catalog.parseCause("q850:0")).hasMessageContaining("out of range");
  }

  @Test
  void refusesACatalogueWithAMissingMapping() {
    String yaml = "causes:\n  - cause: 17\n    name: x\n    meaning: m\n    check: c\n";
    assertThatThrownBy(
            () -> Q850Catalog.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("only 16 maps to no SIP response");
  }

  @Test
  void jsonAndMarkdownCarryTheSameFacts() {
    Q850Cause c = q850.explain(17);
    assertThat(Q850Text.json(codes, c))
        .contains("\"cause\" : 17")
        .contains("\"code\" : 486")
        .contains("\"reason\" : \"Busy Here\"");
    assertThat(Q850Text.markdown(codes, c))
        .startsWith("# Q.850 cause 17 User busy\n")
        .contains("486 Busy Here");
    assertThat(q850.all().stream().map(Q850Cause::cause).collect(Collectors.toSet()))
        .doesNotContain(24);
  }
}
