package io.sipexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.net.ListenerOptions;
import io.sipexporter.transaction.TrackerOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The landing page of the real exporter lists every live input where it is bound, in order. */
@org.junit.jupiter.api.Timeout(60)
class LandingPageIT {

  @Test
  void listsEachInputWithItsBoundAddress() throws Exception {
    try (Exporter exporter =
        Exporter.start(
            LoopbackConfig.of(ListenerOptions.defaults(), TrackerOptions.DEFAULTS, null))) {
      assertThat(listening(exporter))
          .isEqualTo(
              "<li><code>SIP udp+tcp "
                  + exporter.sipAddress()
                  + "</code></li>\n<li><code>HEP udp+tcp "
                  + exporter.hepAddress()
                  + "</code></li>\n");
    }
  }

  @Test
  void saysWhenTheHepInputWantsAnAuthKey() throws Exception {
    try (Exporter exporter =
        Exporter.start(
            LoopbackConfig.of(ListenerOptions.defaults(), TrackerOptions.DEFAULTS, "s3cret"))) {
      assertThat(listening(exporter))
          .isEqualTo(
              "<li><code>SIP udp+tcp "
                  + exporter.sipAddress()
                  + "</code></li>\n<li><code>HEP udp+tcp "
                  + exporter.hepAddress()
                  + " (auth key required)</code></li>\n");
    }
  }

  /** The items of the page's "Listening" list. */
  private static String listening(Exporter exporter) throws Exception {
    HttpResponse<String> page =
        Scrape.CLIENT.send(
            HttpRequest.newBuilder(URI.create("http://" + exporter.webAddress() + "/"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    String html = page.body();
    int start = html.indexOf("<h2>Listening</h2>\n<ul>\n");
    assertThat(start).isNotNegative();
    start += "<h2>Listening</h2>\n<ul>\n".length();
    return html.substring(start, html.indexOf("</ul>", start));
  }
}
