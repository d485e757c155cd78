package io.sipexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.core.Input;
import io.sipexporter.core.ListenAddress;
import io.sipexporter.input.HepInput;
import io.sipexporter.input.LiveInput;
import io.sipexporter.input.SipInput;
import io.sipexporter.net.SourceFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry of live inputs: SIP then HEP, each with its settings from the config. */
class InputsTest {

  @Test
  void registersSipThenHep() {
    List<LiveInput> inputs = Inputs.of(ExporterConfig.defaults());
    assertThat(inputs).extracting(LiveInput::input).containsExactly(Input.SIP, Input.HEP);
    assertThat(inputs.get(0)).isInstanceOf(SipInput.class);
    assertThat(inputs.get(1)).isInstanceOf(HepInput.class);
  }

  @Test
  void eachInputTakesItsOwnSettings() {
    SourceFilter sipSenders = SourceFilter.parse("10.0.0.0/8");
    SourceFilter hepSenders = SourceFilter.parse("192.0.2.0/24");
    ExporterConfig config =
        ExporterConfig.builder()
            .sipListen(ListenAddress.parse(":5070"))
            .hepListen(ListenAddress.parse(":9070"))
            .hepAuthKey("s3cret")
            .sipAllowed(sipSenders)
            .hepAllowed(hepSenders)
            .build();
    List<LiveInput> inputs = Inputs.of(config);
    assertThat(inputs.get(0))
        .isEqualTo(
            new SipInput(
                ListenAddress.parse(":5070"), sipSenders, config.listener().maxMessageBytes()));
    assertThat(inputs.get(1))
        .isEqualTo(new HepInput(ListenAddress.parse(":9070"), hepSenders, "s3cret"));
  }
}
