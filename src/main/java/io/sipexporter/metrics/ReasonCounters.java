package io.sipexporter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sipexporter.core.Input;
import io.sipexporter.sip.ReasonError;
import io.sipexporter.sip.ReasonProtocol;
import io.sipexporter.sip.SipMethod;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code sip_reason_causes_total} and {@code sip_exporter_reasons_malformed_total}, resolved at
 * first use and kept in arrays indexed by (method, protocol, cause slot), so counting a Reason does
 * no map lookup and builds no tags. Cause slot 0 is {@code other}; Q.850 causes 1-127 have their
 * own slot, SIP and STIR codes 100-699 theirs (labelled as {@link CodeLabels} labels the code, so a
 * cause and a response code share one value). Thread-safe.
 */
final class ReasonCounters {
  private static final int Q850_MAX = 127; // ITU-T Q.850 2.2.7: a 7-bit cause value
  private static final int FIRST_CODE = 100;
  private static final int LAST_CODE = 699; // RFC 3261 7.2
  private static final int PROTOCOLS = ReasonProtocol.count();

  private final MeterRegistry registry;
  private final CodeLabels codeLabels;
  // by (method, protocol): a row of that protocol's cause slots, resolved at first use
  private final AtomicReferenceArray<AtomicReferenceArray<Counter>> causes =
      new AtomicReferenceArray<>(SipMethod.count() * PROTOCOLS);
  private final AtomicReferenceArray<Counter> malformed =
      new AtomicReferenceArray<>(Input.values().length * ReasonError.count());

  ReasonCounters(MeterRegistry registry, CodeLabels codeLabels) {
    this.registry = registry;
    this.codeLabels = codeLabels;
  }

  void cause(SipMethod method, ReasonProtocol protocol, int cause) {
    int row = method.ordinal() * PROTOCOLS + protocol.ordinal();
    AtomicReferenceArray<Counter> slots = causes.get(row);
    if (slots == null) {
      causes.compareAndSet(row, null, new AtomicReferenceArray<>(slotCount(protocol)));
      slots = causes.get(row);
    }
    int slot = slot(protocol, cause);
    Counter counter = slots.get(slot);
    if (counter == null) {
      counter = register(method, protocol, label(protocol, slot));
      slots.compareAndSet(slot, null, counter);
    }
    counter.increment();
  }

  void malformed(Input input, ReasonError error) {
    int index = input.ordinal() * ReasonError.count() + error.ordinal();
    Counter counter = malformed.get(index);
    if (counter == null) {
      counter =
          Counter.builder(SipMeters.REASONS_MALFORMED.meterName())
              .description(SipMeters.REASONS_MALFORMED.help())
              .tag("input", input.label())
              .tag("reason", error.reason())
              .register(registry);
      malformed.compareAndSet(index, null, counter);
    }
    counter.increment();
  }

  private static int slotCount(ReasonProtocol protocol) {
    return switch (protocol) {
      case Q850 -> Q850_MAX + 1;
      case SIP, STIR -> LAST_CODE - FIRST_CODE + 2;
      case OTHER -> 1;
    };
  }

  /** The cause's slot: 0 ({@code other}) for a cause outside its protocol's range. */
  private static int slot(ReasonProtocol protocol, int cause) {
    return switch (protocol) {
      case Q850 -> cause >= 1 && cause <= Q850_MAX ? cause : 0;
      case SIP, STIR -> cause >= FIRST_CODE && cause <= LAST_CODE ? cause - FIRST_CODE + 1 : 0;
      case OTHER -> 0;
    };
  }

  private String label(ReasonProtocol protocol, int slot) {
    if (slot == 0) {
      return "other";
    }
    return protocol == ReasonProtocol.Q850
        ? Integer.toString(slot)
        : codeLabels.label(slot - 1 + FIRST_CODE);
  }

  private Counter register(SipMethod method, ReasonProtocol protocol, String cause) {
    return Counter.builder(SipMeters.REASON_CAUSES.meterName())
        .description(SipMeters.REASON_CAUSES.help())
        .tag("method", method.label())
        .tag("protocol", protocol.label())
        .tag("cause", cause)
        .register(registry);
  }
}
