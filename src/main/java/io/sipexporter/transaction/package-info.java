/**
 * Transaction and call tracking: fixed-capacity tables keyed by Via branch and Call-ID, RFC 3261
 * timers driven by the input's own clock, responses held for a late request, and the durations they
 * yield (transaction time, post-dial delay, call length) fed to their meters.
 *
 * <p>Imports: core, metrics, sip.
 */
package io.sipexporter.transaction;
