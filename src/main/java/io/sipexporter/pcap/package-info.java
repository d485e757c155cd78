/**
 * Packet captures: pcap and pcapng readers, link, IP and UDP/TCP decoders, IPv4/IPv6 fragment
 * reassembly and TCP reassembly per flow, ending in a {@link io.sipexporter.pcap.PacketSink} that
 * receives each payload with its timestamp and addresses. Tells SIP from HEP payloads.
 *
 * <p>Imports: core, hep.
 */
package io.sipexporter.pcap;
