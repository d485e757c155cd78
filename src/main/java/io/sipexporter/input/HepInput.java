package io.sipexporter.input;

import io.sipexporter.core.Ingest;
import io.sipexporter.core.Input;
import io.sipexporter.core.ListenAddress;
import io.sipexporter.hep.HepAuthKey;
import io.sipexporter.net.SourceFilter;
import io.sipexporter.pipeline.HepIngest;
import io.sipexporter.pipeline.SipPipeline;
import java.util.Objects;

/**
 * HEP v1/v2/v3 envelopes from capture agents ({@code --hep.*}): Kamailio, OpenSIPS, FreeSWITCH,
 * Asterisk, heplify.
 *
 * @param listen {@code --hep.listen-address}
 * @param allowed {@code --hep.allowed-sources}: the capture agents that may send
 * @param authKey {@code --hep.auth-key}: the key HEPv3 packets must carry, or null to take every
 *     packet
 */
public record HepInput(ListenAddress listen, SourceFilter allowed, String authKey)
    implements LiveInput {
  /** The default of {@code --hep.listen-address}. */
  public static final String DEFAULT_LISTEN_ADDRESS = ":9060";

  public HepInput {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(allowed, "allowed");
  }

  @Override
  public Input input() {
    return Input.HEP;
  }

  @Override
  public Ingest newIngest(SipPipeline pipeline) {
    return new HepIngest(pipeline, authKey == null ? null : new HepAuthKey(authKey));
  }

  /** Says when a key is required, as senders need to know. */
  @Override
  public String landingLine(ListenAddress bound) {
    return LiveInput.super.landingLine(bound) + (authKey == null ? "" : " (auth key required)");
  }

  /** Without the key: it is a secret. */
  @Override
  public String toString() {
    return "HepInput[listen="
        + listen
        + ", allowed="
        + allowed
        + ", authKey="
        + (authKey == null ? "none" : "(set)")
        + "]";
  }
}
