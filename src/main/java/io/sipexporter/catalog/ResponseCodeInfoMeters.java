package io.sipexporter.catalog;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sipexporter.metrics.SipMeters;

/**
 * The static info metric {@code sip_response_code_info{code, reason, class} 1}: one series per
 * registered code, so dashboards can join reason phrases and classes onto counted codes.
 *
 * <pre>{@code
 * new ResponseCodeInfoMeters(catalog).bindTo(registry);
 * }</pre>
 */
public final class ResponseCodeInfoMeters implements MeterBinder {
  private final ResponseCodeCatalog catalog;

  public ResponseCodeInfoMeters(ResponseCodeCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (ResponseCode c : catalog.registered()) {
      Gauge.builder(SipMeters.RESPONSE_CODE_INFO.meterName(), () -> 1)
          .description(SipMeters.RESPONSE_CODE_INFO.help())
          .tag("code", Integer.toString(c.code()))
          .tag("reason", c.reason())
          .tag("class", c.codeClass().label())
          .register(registry);
    }
  }
}
