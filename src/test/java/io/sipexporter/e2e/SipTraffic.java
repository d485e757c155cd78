package io.sipexporter.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls an end-to-end test sends through the proxy: per UAC scenario, how many calls ask the
 * UAS for which final code. Every code an alert or dashboard panel needs appears at least once.
 */
public final class SipTraffic {
  private final Map<String, Map<String, Integer>> plan = new LinkedHashMap<>();

  /** The default mix: answered and rejected INVITEs, REGISTER, OPTIONS, SUBSCRIBE, MESSAGE. */
  public static SipTraffic standard() {
    return new SipTraffic()
        .add("INVITE", "200", 6)
        .add("INVITE", "437", 4)
        .add("INVITE", "486", 3)
        .add("INVITE", "503", 3)
        .add("INVITE", "404", 2)
        .add("INVITE", "488", 2)
        .add("INVITE", "603", 2)
        .add("INVITE", "401", 1)
        .add("INVITE", "407", 1)
        .add("INVITE", "408", 1)
        .add("INVITE", "428", 1)
        .add("INVITE", "436", 1)
        .add("INVITE", "438", 1)
        .add("INVITE", "480", 1)
        .add("INVITE", "504", 1)
        .add("INVITE", "513", 1)
        .add("INVITE", "600", 1)
        .add("INVITE", "606", 1)
        .add("INVITE", "607", 1)
        .add("INVITE", "608", 1)
        .add("REGISTER", "401", 3)
        .add("REGISTER", "200", 3)
        .add("OPTIONS", "200", 3)
        .add("OPTIONS", "404", 1)
        .add("SUBSCRIBE", "200", 2)
        .add("SUBSCRIBE", "489", 1)
        .add("MESSAGE", "202", 2);
  }

  /** Adds {@code calls} requests of {@code method} answered with final {@code code}. */
  public SipTraffic add(String method, String code, int calls) {
    plan.computeIfAbsent(method, m -> new LinkedHashMap<>()).merge(code, calls, Integer::sum);
    return this;
  }

  /**
   * Sends every call through the proxy on {@code proxyPort}, one sipp run per method. The codes are
   * interleaved, so each code's calls spread over the whole run rather than one burst.
   */
  public void send(Path dir, int proxyPort) {
    plan.forEach(
        (method, codes) -> {
          List<String> calls = new ArrayList<>();
          Map<String, Integer> left = new LinkedHashMap<>(codes);
          int n = 0;
          while (!left.isEmpty()) {
            for (Iterator<Map.Entry<String, Integer>> it = left.entrySet().iterator();
                it.hasNext(); ) {
              Map.Entry<String, Integer> e = it.next();
              calls.add(e.getKey() + ";user" + e.getKey() + "x" + n++);
              if (e.setValue(e.getValue() - 1) == 1) {
                it.remove();
              }
            }
          }
          Sipp.runUac(
              dir, "uac_" + method.toLowerCase(java.util.Locale.ROOT) + ".xml", proxyPort, calls);
        });
  }

  /** Final responses one leg sees: {@code "INVITE 437" -> calls}, plus BYE 200 per answer. */
  public Map<String, Long> finalResponsesPerLeg() {
    Map<String, Long> expected = new LinkedHashMap<>();
    plan.forEach(
        (method, codes) ->
            codes.forEach(
                (code, calls) -> expected.merge(method + " " + code, (long) calls, Long::sum)));
    long answered = plan.getOrDefault("INVITE", Collections.emptyMap()).getOrDefault("200", 0);
    if (answered > 0) {
      expected.merge("BYE 200", answered, Long::sum);
    }
    return expected;
  }
}
