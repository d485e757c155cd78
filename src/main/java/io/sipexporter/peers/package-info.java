/**
 * The peers of a {@code --peers.file}: names for the far ends of the mirrored traffic, each with
 * its address ranges, and the allocation-free longest-prefix lookup from an IP address to a peer.
 * Knows no sockets, no metrics, no SIP.
 *
 * <p>Imports: nothing of ours.
 */
package io.sipexporter.peers;
