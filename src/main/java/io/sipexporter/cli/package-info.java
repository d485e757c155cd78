/**
 * The entry point ({@link io.sipexporter.cli.Main}) and every command: flags, environment variables
 * and the YAML config file parsed into config records, logging set-up, exit codes, and the {@code
 * explain}, {@code compare}, {@code catalog}, {@code replay}, {@code loadgen} and {@code
 * healthcheck} subcommands. The top layer: nothing imports it.
 *
 * <p>Imports: (root), catalog, core, http, load, metrics, net, pcap, peers, replay, transaction.
 */
package io.sipexporter.cli;
