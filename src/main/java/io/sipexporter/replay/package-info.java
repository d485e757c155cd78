/**
 * The {@code replay} command's engine: a capture read through the same pipeline with its own
 * timestamps as the clock, and the summary (text like {@code tshark -z sip,stat}, or JSON) read
 * back from the meters it fed.
 *
 * <p>Imports: catalog, core, metrics, pcap, peers, pipeline, sip, transaction.
 */
package io.sipexporter.replay;
