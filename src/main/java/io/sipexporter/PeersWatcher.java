package io.sipexporter;

import io.micrometer.core.instrument.MeterRegistry;
import io.sipexporter.config.ConfigReloader;
import io.sipexporter.peers.PeerTable;
import io.sipexporter.peers.PeersFile;
import io.sipexporter.pipeline.PeerMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads {@code --peers.file} on SIGHUP and when its bytes change (polled), by the rule every
 * reloadable file follows ({@link ConfigReloader}, {@code config="peers"}): a valid new version is
 * installed whole; an invalid one leaves the running peers in place, an ERROR names the line, and
 * {@code sip_exporter_config_last_reload_successful{config="peers"}} is 0 until a good version.
 * Thread-safe: the poll timer and the signal handler may call it at once.
 *
 * <pre>{@code
 * PeersWatcher watcher = PeersWatcher.start(file, peers, table, registry);
 * watcher.reload(); // SIGHUP
 * watcher.poll(); // every few seconds
 * }</pre>
 */
final class PeersWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(PeersWatcher.class);

  private final Path file;
  private final PeerMap peers;
  private final ConfigReloader<PeerTable> reloader;
  private byte[] fingerprint; // guarded by this: the bytes last read, good or bad

  private PeersWatcher(Path file, PeerMap peers, PeerTable initial, MeterRegistry registry) {
    this.file = file;
    this.peers = peers;
    this.reloader =
        new ConfigReloader<>("peers", initial, (a, b) -> null, registry, Clock.systemUTC());
    this.fingerprint = fingerprint(file);
  }

  /** Watches {@code file}, whose {@code initial} version {@code peers} runs. */
  static PeersWatcher start(Path file, PeerMap peers, PeerTable initial, MeterRegistry registry) {
    return new PeersWatcher(file, peers, initial, registry);
  }

  /** Reloads when the file's bytes differ from those last read. */
  synchronized void poll() {
    if (!Arrays.equals(fingerprint(file), fingerprint)) {
      reload();
    }
  }

  /** Reads the file and installs it when valid; else keeps the running peers and says why. */
  synchronized void reload() {
    fingerprint = fingerprint(file);
    try {
      PeerTable next = PeersFile.load(file);
      peers.install(next);
      reloader.applied(next);
      LOG.info(
          "peers file {} reloaded: {} peers, {} address ranges",
          file,
          next.names().size(),
          next.prefixes());
    } catch (IllegalArgumentException e) {
      reloader.failed(e);
    }
  }

  /** A digest of the file's bytes; of nothing when it cannot be read (the reload says why). */
  private static byte[] fingerprint(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      bytes = new byte[0];
    }
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
