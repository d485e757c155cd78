package io.sipexporter;

import io.sipexporter.input.HepInput;
import io.sipexporter.input.LiveInput;
import io.sipexporter.input.SipInput;
import java.util.List;

/**
 * The one place live inputs are registered, as node_exporter registers its collectors: {@link
 * Exporter} starts each, in this order, with its own transaction tracker and a listener on every
 * event loop, and lists it on the landing page.
 *
 * <p>To add an input: write its {@link LiveInput} in {@code io.sipexporter.input}, add its line
 * here, and its flags to {@code cli.SipExporterCommand} (their values reach it through {@link
 * ExporterConfig}); a new {@code input} label value is a constant of {@code core.Input}.
 */
final class Inputs {
  private Inputs() {}

  /** The inputs {@code config} runs. */
  static List<LiveInput> of(ExporterConfig config) {
    return List.of(
        new SipInput(config.sipListen(), config.sipAllowed(), config.listener().maxMessageBytes()),
        new HepInput(config.hepListen(), config.hepAllowed(), config.hepAuthKey()));
  }
}
