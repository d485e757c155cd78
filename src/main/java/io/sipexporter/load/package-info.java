/**
 * The {@code loadgen} command's parts: pre-built SIP and HEP datagrams, a paced sender, and the raw
 * UDP sink that is the throughput baseline (the same socket setup as the listeners, no parsing).
 *
 * <p>Imports: core, net.
 */
package io.sipexporter.load;
