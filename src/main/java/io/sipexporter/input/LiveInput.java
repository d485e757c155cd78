package io.sipexporter.input;

import io.sipexporter.core.Ingest;
import io.sipexporter.core.Input;
import io.sipexporter.core.ListenAddress;
import io.sipexporter.net.SourceFilter;
import io.sipexporter.pipeline.SipPipeline;

/**
 * One live input of the running exporter: a UDP socket and a TCP server on one port, read by every
 * ingest event loop, each loop with its own {@link Ingest} feeding its own {@link SipPipeline}.
 * Each input is one class, registered in one list ({@code io.sipexporter.Inputs}), the way
 * node_exporter registers a collector; the composition root starts whatever is registered.
 *
 * <pre>{@code
 * for (LiveInput input : inputs) {
 *   TransactionTracker tracker = new TransactionTracker(meters, callMeters, tracking, shards);
 *   ListenAddress bound =
 *       deploy(input, () -> input.newIngest(new SipPipeline(counters, tracker)));
 *   landingLines.add(input.landingLine(bound));
 * }
 * }</pre>
 */
public interface LiveInput {
  /** The {@code input} label of what it counts, and its name in logs and errors ({@code SIP}). */
  Input input();

  /** Where its UDP socket and TCP server listen, one port for both; port 0 picks a free one. */
  ListenAddress listen();

  /** The senders it takes ({@link SourceFilter#ANY}: every sender). */
  SourceFilter allowed();

  /**
   * A new ingest for one event loop, handing messages to {@code pipeline}: ingests keep framing
   * state, so each loop gets its own.
   */
  Ingest newIngest(SipPipeline pipeline);

  /**
   * Its line under "Listening" on the landing page, once bound: {@code SIP udp+tcp 0.0.0.0:5060}.
   */
  default String landingLine(ListenAddress bound) {
    return input().name() + " udp+tcp " + bound;
  }
}
