package io.sipexporter.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Edge cases of SipScanner: hostile input, truncation at every length, reuse, and no allocation.
 */
class SipScannerTest {
  private final SipScanner scanner = new SipScanner();
  private final SipMessage msg = new SipMessage();

  @Test
  void neverThrowsOnRandomBytesOrMutatedMessages() {
    Random rnd = new Random(42);
    byte[] junk = new byte[2048];
    for (int i = 0; i < 20_000; i++) {
      rnd.nextBytes(junk);
      int len = rnd.nextInt(junk.length);
      assertThat(scanner.scan(junk, 0, len, msg)).isNotNull();
    }
    byte[] alphabet =
        ":;,= \t\r\n\"[]0123456789SIP/2.0vilVIACSeqbranch".getBytes(StandardCharsets.US_ASCII);
    for (byte[] m : SipCorpus.generate(3L, 500)) {
      for (int i = 0; i < 40; i++) {
        byte[] mutated = m.clone();
        for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
          mutated[rnd.nextInt(mutated.length)] =
              rnd.nextInt(3) == 0
                  ? (byte) rnd.nextInt(256)
                  : alphabet[rnd.nextInt(alphabet.length)];
        }
        ScanResult r = scanner.scan(mutated, 0, mutated.length, msg);
        if (r == ScanResult.OK) {
          assertThat(msg.bodyOffset() + msg.bodyLength()).isLessThanOrEqualTo(mutated.length);
          assertThat(msg.statusCode() == 0 || (msg.statusCode() >= 100 && msg.statusCode() <= 699))
              .isTrue();
        }
      }
    }
  }

  @Test
  void everyPrefixOfAMessageIsTruncatedUntilTheBlankLine() {
    for (SipVectors.Vector v : SipVectors.all()) {
      if (v.result() != ScanResult.OK || v.file().startsWith("leading-crlf")) {
        continue;
      }
      byte[] bytes = v.bytes();
      assertThat(scanner.scan(bytes, 0, bytes.length, msg)).isEqualTo(ScanResult.OK);
      int head = msg.headerLength();
      assertThat(HeaderSection.headerLength(bytes, 0, bytes.length, 0))
          .as(v.file())
          .isEqualTo(head);
      assertThat(scanner.scan(bytes, 0, 0, msg)).isEqualTo(ScanResult.NOT_SIP);
      for (int len = 1; len < head; len++) {
        assertThat(scanner.scan(bytes, 0, len, msg))
            .as("%s cut at %d", v.file(), len)
            .isEqualTo(ScanResult.TRUNCATED);
      }
    }
  }

  @Test
  void outOfRangeArgumentsAreNotSip() {
    byte[] b = "SIP/2.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(scanner.scan(null, 0, 1, msg)).isEqualTo(ScanResult.NOT_SIP);
    assertThat(scanner.scan(b, -1, 3, msg)).isEqualTo(ScanResult.NOT_SIP);
    assertThat(scanner.scan(b, 3, b.length, msg)).isEqualTo(ScanResult.NOT_SIP);
    assertThat(scanner.scan(b, 0, -1, msg)).isEqualTo(ScanResult.NOT_SIP);
    assertThat(scanner.scan(b, Integer.MAX_VALUE, 2, msg)).isEqualTo(ScanResult.NOT_SIP);
  }

  @Test
  void reusedMessageHoldsNothingFromThePreviousScan() {
    byte[] full = SipVectors.read("/sip/invite-long-form.sip");
    byte[] noBranch = SipVectors.read("/sip/via-without-branch.sip");
    assertThat(scanner.scan(full, 0, full.length, msg)).isEqualTo(ScanResult.OK);
    assertThat(msg.fromTag()).isEqualTo("9fxced76sl"); // read, so cached for this message
    assertThat(scanner.scan(noBranch, 0, noBranch.length, msg)).isEqualTo(ScanResult.OK);
    assertThat(msg.isRequest()).isFalse();
    assertThat(msg.method()).isEqualTo(SipMethod.OTHER);
    assertThat(msg.branch()).isEmpty();
    assertThat(msg.fromTag()).isEmpty(); // this message has no From
    assertThat(msg.fromTagLength()).isZero();
    assertThat(msg.buffer()).isSameAs(noBranch);
  }

  @Test
  void tagsReadOnDemandAreTheFirstFromAndTo() {
    byte[] two =
        ("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\nCall-ID: c\r\nCSeq: 1 BYE\r\n"
                + "To: <sip:b@x>;tag=first-to\r\nf: <sip:a@x>;tag=first-from\r\n"
                + "From: <sip:a@x>;tag=second-from\r\nt: <sip:b@x>;tag=second-to\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    assertThat(scanner.scan(two, 0, two.length, msg)).isEqualTo(ScanResult.OK);
    assertThat(msg.toTag()).isEqualTo("first-to");
    assertThat(msg.fromTag()).isEqualTo("first-from");
    assertThat(new String(two, msg.toTagOffset(), msg.toTagLength(), StandardCharsets.US_ASCII))
        .isEqualTo("first-to");
  }

  @Test
  void statusCodeBoundaries() {
    for (String code : List.of("100", "199", "699", "437")) {
      assertThat(scanStatus(code)).as(code).isEqualTo(ScanResult.OK);
    }
    for (String code :
        List.of("099", "700", "999", "000", "1000", "20", "2x0", "-20", "", " 200")) {
      assertThat(scanStatus(code)).as("'%s'", code).isEqualTo(ScanResult.BAD_STATUS_CODE);
    }
  }

  @Test
  void startLineShapes() {
    assertThat(scanLine("INVITE sip:a@b SIP/2.0 "))
        .isEqualTo(ScanResult.OK); // trailing space tolerated
    assertThat(scanLine("INVITE sip:a@b sip/2.0"))
        .isEqualTo(ScanResult.OK); // RFC 3261 7.1: case-insensitive
    assertThat(scanLine("INVITE  sip:a@b SIP/2.0")).isEqualTo(ScanResult.BAD_START_LINE);
    assertThat(scanLine("INVITE sip:a@b SIP/2.0 extra")).isEqualTo(ScanResult.BAD_START_LINE);
    assertThat(scanLine("INVITE")).isEqualTo(ScanResult.BAD_START_LINE);
    assertThat(scanLine("SIP/2.0")).isEqualTo(ScanResult.BAD_START_LINE);
    assertThat(scanLine("SIP/2.0/UDP 200 OK")).isEqualTo(ScanResult.BAD_START_LINE);
    assertThat(scanLine("INV\u0001TE sip:a SIP/2.0")).isEqualTo(ScanResult.NOT_SIP);
    assertThat(scanLine("<?xml version=\"1.0\"?>")).isEqualTo(ScanResult.NOT_SIP);
  }

  @Test
  void cseqShapes() {
    assertThat(scanCseq("1 INVITE")).isEqualTo(ScanResult.OK);
    assertThat(scanCseq("2147483647 INVITE")).isEqualTo(ScanResult.OK);
    assertThat(msg.cseqNumber()).isEqualTo(2147483647L);
    assertThat(
            scan(
                "FOO sip:a SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: c\r\nCSeq: 0 FOO\r\n\r\n"))
        .isEqualTo(ScanResult.OK);
    assertThat(msg.cseqMethod()).isEqualTo(SipMethod.OTHER);
    // RFC 3261 8.1.1.5: the CSeq method of a request is its method (issue 12: INVITE, CSeq BYE)
    assertThat(scanCseq("1 BYE")).isEqualTo(ScanResult.BAD_CSEQ);
    assertThat(scanCseq("1 invite")).isEqualTo(ScanResult.BAD_CSEQ);
    for (String bad :
        List.of(
            "",
            "INVITE",
            "1",
            "1INVITE",
            "-1 INVITE",
            "1 INVITE x",
            "1 INV;ITE",
            "99999999999999999999 INVITE")) {
      assertThat(scanCseq(bad)).as("'%s'", bad).isEqualTo(ScanResult.BAD_CSEQ);
    }
  }

  @Test
  @EnabledIf("allocationIsMeasurable")
  void scanningAllocatesNothing() {
    List<byte[]> corpus = SipCorpus.generate(11L, 1000);
    for (int i = 0; i < 20; i++) {
      scanAll(corpus); // warm up: let the JIT compile the scanner
    }
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long before = bean.getThreadAllocatedBytes(tid);
    int ok = 0;
    for (int i = 0; i < 100; i++) {
      ok += scanAll(corpus); // 100,000 scans
    }
    long allocated = bean.getThreadAllocatedBytes(tid) - before;
    assertThat(ok).isEqualTo(100 * 1000);
    // a single allocation per scan would be >= 1.6 MB; the bound leaves room for JIT/JFR noise
    assertThat(allocated).as("bytes allocated by 100,000 scans").isLessThan(64 * 1024);
  }

  static boolean allocationIsMeasurable() {
    return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
        && bean.isThreadAllocatedMemorySupported()
        && bean.isThreadAllocatedMemoryEnabled();
  }

  private int scanAll(List<byte[]> corpus) {
    int ok = 0;
    for (int i = 0; i < corpus.size(); i++) {
      byte[] b = corpus.get(i);
      if (scanner.scan(b, 0, b.length, msg) == ScanResult.OK
          && msg.fromTagLength() >= 0
          && msg.toTagOffset() >= 0) { // the tags, read on demand, allocate nothing either
        ok++;
      }
    }
    return ok;
  }

  private ScanResult scanStatus(String code) {
    return scanLine("SIP/2.0 " + code + " Reason");
  }

  private ScanResult scanLine(String line) {
    return scan(
        line + "\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n\r\n");
  }

  private ScanResult scanCseq(String value) {
    return scan(
        "INVITE sip:a SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: c\r\nCSeq: "
            + value
            + "\r\n\r\n");
  }

  private ScanResult scan(String text) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    return scanner.scan(Arrays.copyOf(b, b.length), 0, b.length, msg);
  }
}
