/**
 * The meter catalogue ({@link io.sipexporter.metrics.SipMeters}: every metric name, type, unit and
 * label key) and the pre-resolved counters the pipeline and the trackers increment: messages by
 * method and code, parse errors by reason, transactions, calls, exemplars, build info. Knows no
 * CLI, no sockets, no HTTP.
 *
 * <p>Imports: core, sip.
 */
package io.sipexporter.metrics;
