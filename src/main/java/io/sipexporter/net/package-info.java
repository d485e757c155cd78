/**
 * Sockets and their limits: one verticle per event loop reading an input's UDP socket and TCP
 * server into its {@link io.sipexporter.core.Ingest}, the receive-buffer report, port checks,
 * allowed-source filters and TCP connection limits. Knows nothing of what the bytes mean.
 *
 * <p>Imports: core, metrics.
 */
package io.sipexporter.net;
