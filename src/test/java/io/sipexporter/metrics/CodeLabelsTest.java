package io.sipexporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.catalog.ResponseCodeCatalog;
import io.sipexporter.sip.SipMethod;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: one response per code 100-699 made 600 series. Registered codes keep their own value,
 * unregistered ones theirs up to the cap, the rest fold into their class and are counted.
 */
class CodeLabelsTest {
  private static final int CAP = 20;

  private final ResponseCodeCatalog catalog = ResponseCodeCatalog.load();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final CodeLabels labels = new CodeLabels(registry, catalog::isRegistered, CAP);
  private final TrafficCounters counters = new TrafficCounters(registry, new NodeTable(0), labels);
  private final TransactionMeters transactions = new TransactionMeters(registry, null, labels);

  @Test
  void sixHundredDistinctCodesMakeAtMostCatalogueCapAndClassSeries() {
    for (int code = 100; code <= 699; code++) {
      counters.response(SipMethod.INVITE, code);
      transactions.completedReordered(SipMethod.INVITE, code, 0);
    }
    int registered = 0;
    Set<String> foldedClasses = new TreeSet<>();
    java.util.Map<String, Integer> foldedPerClass = new java.util.TreeMap<>();
    int unregisteredSeen = 0;
    for (int code = 100; code <= 699; code++) {
      if (catalog.isRegistered(code)) {
        registered++;
      } else if (++unregisteredSeen > CAP) {
        foldedClasses.add((code / 100) + "xx");
        foldedPerClass.merge((code / 100) + "xx", 1, Integer::sum);
      }
    }
    int folded = 600 - registered - CAP;

    for (String meter : new String[] {"sip.responses", "sip.transactions"}) {
      Set<String> codes = codeValues(meter);
      assertThat(codes).as(meter).hasSize(registered + CAP + foldedClasses.size());
      assertThat(codes).as(meter).containsAll(foldedClasses);
      assertThat(registry.find(meter).counters().stream().mapToDouble(Counter::count).sum())
          .as("every response still counted once")
          .isEqualTo(600);
    }
    assertThat(
            registry.find("sip.exporter.responses.folded").counters().stream()
                .mapToDouble(Counter::count)
                .sum())
        .as("folded responses, counted once each (the live counter, not again per transaction)")
        .isEqualTo(folded);
    foldedPerClass.forEach(
        (cls, n) ->
            assertThat(registry.scrape())
                .as("folded under their class")
                .contains(
                    "sip_exporter_responses_folded_total{class=\"" + cls + "\"} " + n + ".0"));
  }

  @Test
  void registeredCodesKeepTheirValueEvenAfterTheCapIsReached() {
    int[] unregistered = {498, 499, 599, 699};
    for (int code : unregistered) {
      assertThat(catalog.isRegistered(code)).as("%d is outside the IANA registry", code).isFalse();
    }
    CodeLabels small = new CodeLabels(registry, catalog::isRegistered, 2);
    assertThat(small.label(499)).isEqualTo("499");
    assertThat(small.label(599)).isEqualTo("599");
    assertThat(small.label(498)).isEqualTo("4xx");
    assertThat(small.label(499)).as("fixed at first sight").isEqualTo("499");
    assertThat(small.label(437)).isEqualTo("437");
    assertThat(small.label(606)).isEqualTo("606");
    assertThat(small.isFolded(498)).isTrue();
    assertThat(small.isFolded(437)).isFalse();
  }

  @Test
  void foldedCodesReportNoCountOfTheirOwnOnTheCodePages() {
    CodeLabels none = new CodeLabels(registry, catalog::isRegistered, 0);
    TrafficCounters c = new TrafficCounters(registry, new NodeTable(0), none);
    c.response(SipMethod.OPTIONS, 499);
    c.response(SipMethod.OPTIONS, 404);
    assertThat(c.responsesWithCode(404)).isEqualTo(1);
    assertThat(c.responsesWithCode(499)).isZero();
  }

  private Set<String> codeValues(String meter) {
    return registry.find(meter).counters().stream()
        .map(c -> c.getId().getTag("code"))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
