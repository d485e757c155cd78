package io.sipexporter.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sipexporter.core.Endpoints;
import io.sipexporter.metrics.LabelSets;
import io.sipexporter.metrics.SipMeters;
import io.sipexporter.peers.PeerTable;

/**
 * {@code --peers.file} on the hot path: which peer and which side a message belongs to, as the
 * label set it is counted in. The running table is swapped whole on reload, so a message sees one
 * table or the other, never half of each; a peer keeps its label slot across reloads. Thread-safe.
 *
 * <pre>{@code
 * PeerMap peers = new PeerMap(sets, PeersFile.load(file), registry);
 * int set = peers.set(captureId, endpoints); // peer=carrier-a, direction=in
 * peers.install(PeersFile.load(file)); // on SIGHUP
 * }</pre>
 */
public final class PeerMap {
  private record Running(PeerTable table, int[] slots) {}

  private final LabelSets sets;
  private volatile Running running;

  /** Starts with {@code table}; {@code sip_exporter_peers} reports the peers running. */
  public PeerMap(LabelSets sets, PeerTable table, MeterRegistry registry) {
    this.sets = sets;
    install(table);
    Gauge.builder(SipMeters.PEERS.meterName(), this, m -> m.running.table().names().size())
        .description(SipMeters.PEERS.help())
        .register(registry);
  }

  /** Replaces the running table: messages from now on are counted by {@code table}. */
  public void install(PeerTable table) {
    int[] slots = new int[table.names().size()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = sets.peerSlot(table.name(i));
    }
    running = new Running(table, slots);
  }

  /** The running table. */
  public PeerTable table() {
    return running.table();
  }

  /**
   * The label set of a message from HEP agent {@code captureId} between {@code ends}: the peer
   * holding the source, direction {@code in}; else the one holding the destination, {@code out};
   * else no peer. Allocates nothing.
   */
  public int set(long captureId, Endpoints ends) {
    Running r = running;
    int peer =
        lookup(r.table(), ends.sourceFamily(), ends.sourceV4(), ends.sourceHi(), ends.sourceLo());
    int direction = LabelSets.IN;
    if (peer == PeerTable.NONE) {
      peer =
          lookup(
              r.table(),
              ends.destinationFamily(),
              ends.destinationV4(),
              ends.destinationHi(),
              ends.destinationLo());
      direction = LabelSets.OUT;
    }
    return peer == PeerTable.NONE
        ? sets.index(captureId, LabelSets.NO_PEER, LabelSets.NO_DIRECTION)
        : sets.index(captureId, r.slots()[peer], direction);
  }

  private static int lookup(PeerTable table, int family, int v4, long hi, long lo) {
    return switch (family) {
      case 4 -> table.lookupV4(v4);
      case 6 -> table.lookupV6(hi, lo);
      default -> PeerTable.NONE;
    };
  }
}
