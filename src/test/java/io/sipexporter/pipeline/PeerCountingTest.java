package io.sipexporter.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipexporter.Allocation;
import io.sipexporter.Hep3Packet;
import io.sipexporter.core.Endpoints;
import io.sipexporter.core.Input;
import io.sipexporter.core.Transport;
import io.sipexporter.metrics.CallMeters;
import io.sipexporter.metrics.CodeLabels;
import io.sipexporter.metrics.LabelSets;
import io.sipexporter.metrics.NodeTable;
import io.sipexporter.metrics.SeriesBudget;
import io.sipexporter.metrics.SipMeters;
import io.sipexporter.metrics.TrafficCounters;
import io.sipexporter.metrics.TransactionMeters;
import io.sipexporter.peers.PeersFile;
import io.sipexporter.sip.SipMethod;
import io.sipexporter.transaction.TrackerOptions;
import io.sipexporter.transaction.TransactionTracker;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The {@code peer} and {@code direction} labels as the pipeline gives them under {@code
 * --peers.file}: from HEP envelopes (IPv4, IPv6), captured IP headers and a raw copy's sender;
 * longest prefix, source before destination, no match, transactions in their final response's set,
 * a reload, the series budget, and no allocation per message.
 */
class PeerCountingTest {
  private static final String PEERS =
      """
      peers:
        - name: carrier-a
          addresses: [192.0.2.0/24, "2001:db8:a::/48"]
        - name: carrier-a-sbc2
          addresses: [192.0.2.77]
        - name: pbx-1
          addresses: [198.51.100.7]
      """;
  private static final String US = "203.0.113.5"; // our proxy: no peer holds it

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final LabelSets sets =
      new LabelSets(new NodeTable(0), true, new SeriesBudget(SeriesBudget.DEFAULT, registry));
  private final PeerMap peers = new PeerMap(sets, PeersFile.parse(PEERS), registry);
  private final SipPipeline pipeline = pipeline(registry, sets, peers);
  private final HepIngest hep = new HepIngest(pipeline, null);
  private long clock = 1_700_000_000L;

  @Test
  void theSourcePeerIsInTheDestinationPeerOutNeitherIsEmpty() throws Exception {
    hep(invite("a1"), "192.0.2.10", US); // carrier-a sends us an INVITE
    hep(response("a1", 437, "INVITE"), US, "192.0.2.10"); // our verifier rejects it
    hep(invite("b1"), US, "198.51.100.7"); // we send pbx-1 an INVITE
    hep(response("b1", 486, "INVITE"), "198.51.100.7", US); // pbx-1 is busy
    hep(invite("c1"), US, "203.0.113.9"); // neither end is a peer

    assertThat(count(SipMeters.REQUESTS, "INVITE", "carrier-a", "in", null)).isEqualTo(1);
    assertThat(count(SipMeters.RESPONSES, "INVITE", "carrier-a", "out", "437")).isEqualTo(1);
    assertThat(count(SipMeters.REQUESTS, "INVITE", "pbx-1", "out", null)).isEqualTo(1);
    assertThat(count(SipMeters.RESPONSES, "INVITE", "pbx-1", "in", "486")).isEqualTo(1);
    assertThat(count(SipMeters.REQUESTS, "INVITE", "", "", null)).isEqualTo(1);
    // transactions take their final response's peer and direction
    assertThat(count(SipMeters.TRANSACTIONS, "INVITE", "carrier-a", "out", "437")).isEqualTo(1);
    assertThat(count(SipMeters.TRANSACTIONS, "INVITE", "pbx-1", "in", "486")).isEqualTo(1);
    Timer duration =
        registry
            .find(SipMeters.TRANSACTION_DURATION.meterName())
            .tags("peer", "pbx-1", "direction", "in", "class", "4xx")
            .timer();
    assertThat(duration).isNotNull();
    assertThat(duration.count()).isEqualTo(1);
    assertThat(registry.scrape()).contains("sip_exporter_peers 3.0");
  }

  @Test
  void aSlash32InsideASlash24NamesItsOwnPeerAndTheSourceWinsWhenBothEndsArePeers()
      throws Exception {
    hep(invite("d1"), "192.0.2.77", "198.51.100.7");
    assertThat(count(SipMeters.REQUESTS, "INVITE", "carrier-a-sbc2", "in", null)).isEqualTo(1);
    assertThat(count(SipMeters.REQUESTS, "INVITE", "pbx-1", "out", null)).isZero();
  }

  @Test
  void ipv6EnvelopesAndCapturedHeadersAndRawSendersGiveAddressesToo() throws Exception {
    hep(invite("e1"), "2001:db8:a:1::5", "2001:db8:ffff::1");
    assertThat(count(SipMeters.REQUESTS, "INVITE", "carrier-a", "in", null)).isEqualTo(1);

    Endpoints captured = new Endpoints(); // what CaptureIngest reads from an IP header
    captured.source(address(US), 0, 4);
    captured.destination(address("::ffff:198.51.100.7"), 0, 16); // mapped: still IPv4
    byte[] options = options("f1");
    pipeline.accept(Input.PCAP, Transport.UDP, options, 0, options.length, 0, -1, captured);
    assertThat(count(SipMeters.REQUESTS, "OPTIONS", "pbx-1", "out", null)).isEqualTo(1);

    SipIngest raw = new SipIngest(pipeline, 65535);
    byte[] bye = bye("g1");
    raw.datagram(
        bye,
        0,
        bye.length,
        new java.net.InetSocketAddress(InetAddress.getByName("192.0.2.8"), 5060));
    assertThat(count(SipMeters.REQUESTS, "BYE", "carrier-a", "in", null)).isEqualTo(1);
    raw.datagram(bye, 0, bye.length); // no sender known
    assertThat(count(SipMeters.REQUESTS, "BYE", "", "", null)).isEqualTo(1);
  }

  @Test
  void hepVersion2EnvelopesGiveTheirAddresses() throws Exception {
    // HEPv2 (Kamailio siptrace hep_version 2): 16-byte IPv4 header, 12-byte time block
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    b.writeBytes(new byte[] {2, 16, 2, 17, 0x13, (byte) 0xc4, 0x13, (byte) 0xc4});
    b.writeBytes(address(US));
    b.writeBytes(address("198.51.100.7"));
    b.writeBytes(new byte[12]); // seconds, microseconds, capture id (little-endian), unused
    b.writeBytes(invite("v2"));
    byte[] packet = b.toByteArray();
    hep.packet(Input.HEP, Transport.UDP, packet, 0, packet.length, 0);
    assertThat(count(SipMeters.REQUESTS, "INVITE", "pbx-1", "out", null)).isEqualTo(1);
  }

  @Test
  void aReloadCountsNewMessagesByTheNewFileAndKeepsWhatWasCounted() throws Exception {
    hep(invite("h1"), "192.0.2.10", US);
    peers.install(
        PeersFile.parse(
            """
            peers:
              - name: carrier-x
                addresses: [192.0.2.0/25]
            """));
    hep(invite("h2"), "192.0.2.10", US);
    hep(invite("h3"), "192.0.2.200", US); // outside the new /25
    assertThat(count(SipMeters.REQUESTS, "INVITE", "carrier-a", "in", null)).isEqualTo(1);
    assertThat(count(SipMeters.REQUESTS, "INVITE", "carrier-x", "in", null)).isEqualTo(1);
    assertThat(count(SipMeters.REQUESTS, "INVITE", "", "", null)).isEqualTo(1);
    assertThat(registry.scrape()).contains("sip_exporter_peers 1.0");
  }

  @Test
  void withoutAPeersFileNoSeriesHasPeerOrDirection() throws Exception {
    PrometheusMeterRegistry plain = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    LabelSets none =
        new LabelSets(new NodeTable(0), false, new SeriesBudget(SeriesBudget.DEFAULT, plain));
    HepIngest plainHep = new HepIngest(pipeline(plain, none, null), null);
    byte[] packet = envelope(invite("i1"), "192.0.2.10", US);
    plainHep.packet(Input.HEP, Transport.UDP, packet, 0, packet.length, 0);
    String scrape = plain.scrape();
    assertThat(scrape).contains("sip_requests_total{method=\"INVITE\"} 1.0");
    assertThat(scrape).doesNotContain("peer=").doesNotContain("direction=");
    assertThat(scrape).doesNotContain("sip_exporter_series_budget");
  }

  @Test
  void pastTheBudgetNewPeersFoldIntoOtherAndNothingIsLost() throws Exception {
    PrometheusMeterRegistry small = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    LabelSets budgeted = new LabelSets(new NodeTable(0), true, new SeriesBudget(40, small));
    StringBuilder file = new StringBuilder("peers:\n");
    for (int i = 1; i <= 10; i++) {
      file.append("  - name: trunk-").append(i).append("\n    addresses: [10.0.0.").append(i);
      file.append("]\n");
    }
    PeerMap many = new PeerMap(budgeted, PeersFile.parse(file.toString()), small);
    HepIngest budgetedHep = new HepIngest(pipeline(small, budgeted, many), null);
    for (int i = 1; i <= 10; i++) {
      byte[] packet = envelope(invite("j" + i), "10.0.0." + i, US);
      budgetedHep.packet(Input.HEP, Transport.UDP, packet, 0, packet.length, 0);
    }
    // trunk-1's first request resolves its request series, one per method; then fewer are left
    // than a new label set may need, and every later peer folds whole into peer="other"
    assertThat(count(small, SipMeters.REQUESTS, "INVITE", "trunk-1", "in", null)).isEqualTo(1);
    assertThat(count(small, SipMeters.REQUESTS, "INVITE", "trunk-2", "in", null)).isZero();
    assertThat(count(small, SipMeters.REQUESTS, "INVITE", "other", "in", null)).isEqualTo(9);
    double folded =
        small
            .find(SipMeters.SERIES_FOLDED.meterName())
            .tag("metric", "label_set")
            .counter()
            .count();
    assertThat(folded).as("label sets folded whole").isEqualTo(9);
    assertThat(small.scrape())
        .contains("sip_exporter_series_budget_used " + SipMethod.count() + ".0")
        .contains("sip_exporter_series_budget_limit 40.0");
  }

  @Test
  void aTimeoutCountsAgainstThePeerThatShouldHaveAnswered() throws Exception {
    TransactionTracker tracker = tracker(registry, sets);
    HepIngest ingest =
        new HepIngest(
            new SipPipeline(
                new TrafficCounters(registry, sets, CodeLabels.unbounded()), tracker, peers),
            null);
    long sent = clock;
    byte[] packet = envelope(options("t1"), US, "198.51.100.7"); // pbx-1 never answers
    ingest.packet(Input.HEP, Transport.UDP, packet, 0, packet.length, 0);
    for (long s = 1; s <= 40; s++) { // 64*T1 = 32 s, ticked once a second as the pipeline does
      tracker.tick((sent + s) * 1_000_000_000L);
    }
    assertThat(count(SipMeters.REQUESTS, "OPTIONS", "pbx-1", "out", null)).isEqualTo(1);
    assertThat(count(SipMeters.TRANSACTIONS_TIMED_OUT, "OPTIONS", "pbx-1", "in", null))
        .isEqualTo(1);
  }

  @Test
  void countingByPeerAllocatesNothingPerMessage() throws Exception {
    byte[] packet = envelope(invite("k1"), "192.0.2.10", US);
    byte[] v6 = envelope(invite("k2"), "2001:db8:a:1::5", "2001:db8:ffff::1");
    for (int i = 0; i < 20_000; i++) { // resolve the series and let the JIT settle
      hep.packet(Input.HEP, Transport.UDP, packet, 0, packet.length, 0);
      hep.packet(Input.HEP, Transport.UDP, v6, 0, v6.length, 0);
    }
    long before = Allocation.allocatedBytes();
    for (int i = 0; i < 1_000; i++) {
      hep.packet(Input.HEP, Transport.UDP, packet, 0, packet.length, 0);
      hep.packet(Input.HEP, Transport.UDP, v6, 0, v6.length, 0);
    }
    long allocated = Allocation.allocatedBytes() - before;
    assertThat(before).as("allocation counter").isNotNegative();
    assertThat(allocated).as("bytes allocated by 2,000 messages").isLessThan(2_000);
    assertThat(count(SipMeters.REQUESTS, "INVITE", "carrier-a", "in", null)).isEqualTo(42_000);
  }

  // --- helpers

  private static SipPipeline pipeline(
      PrometheusMeterRegistry registry, LabelSets sets, PeerMap peers) {
    return new SipPipeline(
        new TrafficCounters(registry, sets, CodeLabels.unbounded()),
        tracker(registry, sets),
        peers);
  }

  private static TransactionTracker tracker(PrometheusMeterRegistry registry, LabelSets sets) {
    return new TransactionTracker(
        new TransactionMeters(registry, null, CodeLabels.unbounded(), sets),
        new CallMeters(registry),
        TrackerOptions.DEFAULTS);
  }

  private void hep(byte[] sip, String src, String dst) throws UnknownHostException {
    byte[] packet = envelope(sip, src, dst);
    hep.packet(Input.HEP, Transport.UDP, packet, 0, packet.length, 0);
  }

  private byte[] envelope(byte[] sip, String src, String dst) throws UnknownHostException {
    byte[] s = address(src);
    byte[] d = address(dst);
    boolean v6 = s.length == 16;
    return new Hep3Packet()
        .u8(1, v6 ? 10 : 2)
        .u8(2, 17)
        .bytes(v6 ? 5 : 3, s)
        .bytes(v6 ? 6 : 4, d)
        .u16(7, 5060)
        .u16(8, 5060)
        .u32(9, clock++)
        .u32(10, 0)
        .u8(11, 1)
        .u32(12, 2001)
        .bytes(15, sip)
        .build();
  }

  private static byte[] address(String text) throws UnknownHostException {
    if (text.startsWith("::ffff:")) { // InetAddress would unmap it
      byte[] a = new byte[16];
      a[10] = (byte) 0xff;
      a[11] = (byte) 0xff;
      System.arraycopy(InetAddress.getByName(text.substring(7)).getAddress(), 0, a, 12, 4);
      return a;
    }
    return InetAddress.getByName(text).getAddress();
  }

  private long count(SipMeters meter, String method, String peer, String direction, String code) {
    return count(registry, meter, method, peer, direction, code);
  }

  private static long count(
      PrometheusMeterRegistry registry,
      SipMeters meter,
      String method,
      String peer,
      String direction,
      String code) {
    var search =
        registry
            .find(meter.meterName())
            .tags("method", method, "peer", peer, "direction", direction);
    if (code != null) {
      search = search.tag("code", code);
    }
    double sum = 0;
    for (Meter m : search.meters()) {
      sum += m instanceof Counter c ? c.count() : 0;
    }
    return (long) sum;
  }

  private static byte[] invite(String callId) {
    return request("INVITE", callId);
  }

  private static byte[] options(String callId) {
    return request("OPTIONS", callId);
  }

  private static byte[] bye(String callId) {
    return request("BYE", callId);
  }

  private static byte[] request(String method, String callId) {
    return ("%s sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK-%s\r\n"
            + "From: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\n"
            + "Call-ID: %s\r\nCSeq: 1 %s\r\nContent-Length: 0\r\n\r\n")
        .formatted(method, callId, callId, method)
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] response(String callId, int code, String method) {
    return ("SIP/2.0 %d Reason\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK-%s\r\n"
            + "From: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>;tag=2\r\n"
            + "Call-ID: %s\r\nCSeq: 1 %s\r\nContent-Length: 0\r\n\r\n")
        .formatted(code, callId, callId, method)
        .getBytes(StandardCharsets.US_ASCII);
  }
}
