/**
 * HEP v1/v2/v3 envelopes: decoders that unwrap one packet into its chunks (addresses, timestamps,
 * capture agent id, auth key, payload), and the framer that finds packets in a TCP stream. A HEP
 * stream's payload boundaries use the SIP header-section search.
 *
 * <p>Imports: core, sip.
 */
package io.sipexporter.hep;
