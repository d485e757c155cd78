package io.sipexporter.catalog;

import io.sipexporter.metrics.SipMeters;

/**
 * One of the exporter's own metrics that tells who generated a response: the metric, a PromQL query
 * to run on it, and what the query shows.
 *
 * @param metric the exporter's metric the query reads
 * @param query PromQL for Prometheus or Grafana, reading {@code metric}
 * @param shows what the query's result says about where the responses came from
 */
public record Evidence(SipMeters metric, String query, String shows) {}
