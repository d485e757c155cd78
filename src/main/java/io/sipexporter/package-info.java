/**
 * The composition root: {@link io.sipexporter.Exporter} wires the listeners, pipelines, trackers,
 * registry and web server of a running exporter from one {@link io.sipexporter.ExporterConfig}.
 * Only the CLI sits above it.
 *
 * <p>Imports: catalog, core, hep, http, metrics, net, pipeline, transaction.
 */
package io.sipexporter;
