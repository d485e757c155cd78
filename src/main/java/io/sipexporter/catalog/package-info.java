/**
 * The knowledge base of SIP response codes: every IANA code and class with what it means, when it
 * is seen, what to check and how to fix it, loaded from the bundled catalogue file, and its text,
 * Markdown and JSON renderings; the ITU-T Q.850 cause values a Reason header carries, with their
 * RFC 3398 SIP mapping; also the {@code sip_response_code_info} series.
 *
 * <p>Imports: metrics.
 */
package io.sipexporter.catalog;
