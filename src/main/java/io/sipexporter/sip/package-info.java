/**
 * SIP text: the allocation-free scanner that reads only what is counted (start line, CSeq, Call-ID,
 * Via branch, tags, Content-Length, Reason values), the method and header types, and the framer
 * that finds message boundaries in a TCP stream (RFC 3261 18.3). Knows no sockets and no meters.
 *
 * <p>Imports: core.
 */
package io.sipexporter.sip;
