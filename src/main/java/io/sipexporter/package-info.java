/**
 * The composition root: {@link io.sipexporter.Exporter} wires the listeners, pipelines, trackers,
 * registry and web server of a running exporter from one {@link io.sipexporter.ExporterConfig};
 * {@link io.sipexporter.Inputs} is where every live input is registered. Only the CLI sits above
 * it.
 *
 * <p>Imports: catalog, config, core, http, input, metrics, net, peers, pipeline, transaction.
 */
package io.sipexporter;
