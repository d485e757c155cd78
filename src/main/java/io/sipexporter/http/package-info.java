/**
 * The web server on its own event loop: {@code /metrics}, the landing page, health and readiness,
 * the response-code, Q.850 cause and alert runbook pages with their live rates, TLS and basic auth
 * from the web config file (reloaded on change), and its connection limits.
 *
 * <p>Imports: catalog, config, core, metrics.
 */
package io.sipexporter.http;
