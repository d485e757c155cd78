/**
 * Where every input ends: the adaptors that turn a datagram, a TCP stream, a HEP packet or a
 * captured payload into SIP messages ({@code *Ingest}, {@code Capture*Flow}), and the one {@link
 * io.sipexporter.pipeline.SipPipeline} that scans each message, counts it and hands it to the
 * transaction tracker.
 *
 * <p>Imports: core, hep, metrics, pcap, peers, sip, transaction.
 */
package io.sipexporter.pipeline;
