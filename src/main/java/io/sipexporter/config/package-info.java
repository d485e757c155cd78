/**
 * The reload rule every reloadable file follows: a new version replaces the running one only when
 * it is valid and weakens no security setting, and the outcome is a metric.
 *
 * <p>Imports: metrics.
 */
package io.sipexporter.config;
