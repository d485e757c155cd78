/**
 * The shared vocabulary every stage speaks: listen addresses, the {@code input} and {@code
 * transport} label values, the {@link io.sipexporter.core.ErrorReason} every decoder reports
 * failures with, the {@link io.sipexporter.core.Ingest} seam a listener hands bytes to, the one
 * duration syntax ({@link io.sipexporter.core.DurationFormat}: 500ms, 30s, 10m, 4h), and the
 * rate-limited log for floods of bad input.
 *
 * <p>Imports: nothing of ours.
 */
package io.sipexporter.core;
