package io.sipexporter.input;

import io.sipexporter.core.Ingest;
import io.sipexporter.core.Input;
import io.sipexporter.core.ListenAddress;
import io.sipexporter.net.SourceFilter;
import io.sipexporter.pipeline.SipIngest;
import io.sipexporter.pipeline.SipPipeline;
import java.util.Objects;

/**
 * Raw copies of SIP messages ({@code --sip.*}): siptrace {@code duplicate_uri}, port mirrors; a
 * datagram is one message, a TCP stream is framed by Content-Length.
 *
 * @param listen {@code --sip.listen-address}
 * @param allowed {@code --sip.allowed-sources}
 * @param maxMessageBytes {@code --sip.max-message-bytes}: the largest message framed from a stream
 */
public record SipInput(ListenAddress listen, SourceFilter allowed, int maxMessageBytes)
    implements LiveInput {
  /** The default of {@code --sip.listen-address}. */
  public static final String DEFAULT_LISTEN_ADDRESS = ":5060";

  public SipInput {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(allowed, "allowed");
  }

  @Override
  public Input input() {
    return Input.SIP;
  }

  @Override
  public Ingest newIngest(SipPipeline pipeline) {
    return new SipIngest(pipeline, maxMessageBytes);
  }
}
