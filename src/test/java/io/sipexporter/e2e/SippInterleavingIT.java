package io.sipexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.e2e.ScriptedSipPeer.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sipp scenarios the end-to-end tests drive accept every message RFC 3261 lets arrive late or
 * twice, wherever in the call it arrives: a provisional after the final response (a proxy's 100
 * Trying for a retransmitted INVITE, or one a busy worker delayed), a retransmitted final response
 * (answered with the ACK again, 13.2.2.4 and 17.1.1.2), a retransmitted 200 for a BYE, and at the
 * answering side a retransmitted INVITE or a second ACK.
 *
 * <p>Each test replays one such interleaving with a {@link ScriptedSipPeer} on the other end and
 * requires sipp to count the call successful. The first replays the failure CI saw on 2026-12-02 (a
 * late 100 Trying while the UAC paused after its ACK), and the second shows that the same
 * interleaving aborts the call when the scenario does not follow its transactions: the replay
 * really is the failing one.
 */
class SippInterleavingIT {
  private static final Duration STEP = Duration.ofSeconds(10);

  @Test
  void lateTryingAndRetransmittedOkAfterTheAckLeaveTheCallSuccessful() {
    Path dir = TestDirs.fresh("SippInterleavingIT-late-trying");
    try (ScriptedSipPeer uas = new ScriptedSipPeer()) {
      CompletableFuture<Integer> uac = uac(dir, Sipp.scenario("uac_invite.xml"), uas, "200;bob");
      answeredCallWithLateMessages(uas);
      assertThat(exit(uac)).as("sipp's exit code (0: every call succeeded)").isZero();
      assertThat(uas.count("ACK"))
          .as("the retransmitted 200 was answered with the ACK again (RFC 3261 13.2.2.4)")
          .isEqualTo(2);
    }
  }

  @Test
  void theSameInterleavingAbortsTheCallWhenTheScenarioIgnoresTransactions() {
    Path dir = TestDirs.fresh("SippInterleavingIT-control");
    Path withoutTransactions = withoutTransactions(dir, "uac_invite.xml");
    try (ScriptedSipPeer uas = new ScriptedSipPeer()) {
      CompletableFuture<Integer> uac = uac(dir, withoutTransactions, uas, "200;bob");
      Message invite = uas.await("INVITE", STEP);
      uas.reply(invite, 100, "Trying", null);
      uas.reply(invite, 200, "OK", "peer");
      uas.await("ACK", STEP);
      uas.reply(invite, 100, "Trying", null); // the late 100 CI saw
      // the aborted call is not answered further: sipp gives up on it and reports a failure
      assertThat(exit(uac)).as("sipp's exit code").isNotZero();
    }
  }

  @Test
  void retransmittedRejectionAndLateTryingAfterTheAck() {
    Path dir = TestDirs.fresh("SippInterleavingIT-rejected");
    try (ScriptedSipPeer uas = new ScriptedSipPeer()) {
      CompletableFuture<Integer> uac = uac(dir, Sipp.scenario("uac_invite.xml"), uas, "486;bob");
      Message invite = uas.await("INVITE", STEP);
      uas.reply(invite, 100, "Trying", null);
      uas.reply(invite, 486, "Busy Here", "peer");
      uas.await("ACK", STEP);
      uas.reply(invite, 486, "Busy Here", "peer"); // our 486 crossed the ACK: retransmitted
      uas.reply(invite, 100, "Trying", null);
      uas.await("ACK", STEP);
      assertThat(exit(uac)).as("sipp's exit code (0: every call succeeded)").isZero();
    }
  }

  @Test
  void authenticatedCallToleratesLateMessagesOfBothInvites() {
    Path dir = TestDirs.fresh("SippInterleavingIT-auth");
    try (ScriptedSipPeer proxy = new ScriptedSipPeer()) {
      CompletableFuture<Integer> uac =
          uac(dir, Sipp.scenario("uac_invite_auth.xml"), proxy, "200;bob");
      Message challenged = proxy.await("INVITE", STEP);
      proxy.reply(challenged, 407, "Proxy Authentication Required", "proxy");
      proxy.await("ACK", STEP);
      // a late 100 for the challenged INVITE and a retransmitted 407, after the retry started
      Message retried = proxy.await("INVITE", STEP);
      assertThat(retried.header("CSeq")).isEqualTo("CSeq: 2 INVITE");
      assertThat(retried.text()).contains("Proxy-Authorization: Digest");
      proxy.reply(challenged, 100, "Trying", null);
      proxy.reply(challenged, 407, "Proxy Authentication Required", "proxy");
      proxy.await("ACK", STEP);
      answerAndHangUpWithLateMessages(proxy, retried);
      assertThat(exit(uac)).as("sipp's exit code (0: every call succeeded)").isZero();
    }
  }

  @Test
  void nonInviteRequestToleratesTryingAndARetransmittedFinal() {
    Path dir = TestDirs.fresh("SippInterleavingIT-options");
    try (ScriptedSipPeer uas = new ScriptedSipPeer()) {
      CompletableFuture<Integer> uac = uac(dir, Sipp.scenario("uac_options.xml"), uas, "200;bob");
      Message options = uas.await("OPTIONS", STEP);
      uas.reply(options, 100, "Trying", null);
      uas.reply(options, 200, "OK", "peer");
      uas.reply(options, 200, "OK", "peer");
      uas.reply(options, 100, "Trying", null);
      assertThat(exit(uac)).as("sipp's exit code (0: every call succeeded)").isZero();
    }
  }

  @Test
  void answeringSideToleratesARetransmittedInviteAndASecondAck() {
    Path dir = TestDirs.fresh("SippInterleavingIT-uas");
    int uasPort = Ports.freeUdpAndTcp();
    try (ScriptedSipPeer uac = new ScriptedSipPeer();
        RunningProcess uas = startUasForOneCall(dir, Sipp.scenario("uas.xml"), uasPort)) {
      String invite = request(uac, "INVITE", 1, "z9hG4bK-inv", null);
      uac.send(invite, uasPort);
      Message ok = uac.await("SIP/2.0 200", STEP);
      String toTag = ok.header("To").replaceFirst(".*;tag=", "");
      uac.send(request(uac, "ACK", 1, "z9hG4bK-ack", toTag), uasPort);
      uac.send(invite, uasPort); // our INVITE retransmission crossed the 200
      uac.send(request(uac, "ACK", 1, "z9hG4bK-ack", toTag), uasPort); // ACK for a 2xx retransmit
      uac.send(request(uac, "BYE", 2, "z9hG4bK-bye", toTag), uasPort);
      Message byeOk = uac.await("SIP/2.0 200", STEP);
      while (!byeOk.header("CSeq").equals("CSeq: 2 BYE")) {
        byeOk = uac.await("SIP/2.0 200", STEP);
      }
      assertThat(uas.awaitExit(Duration.ofSeconds(20)))
          .as("the sipp UAS's exit code (0: its call succeeded)\n" + uas.logTail())
          .isZero();
    }
  }

  /** INVITE answered 100, 180, 200; after the ACK a late 100 and the 200 again; then the BYE. */
  private static void answeredCallWithLateMessages(ScriptedSipPeer uas) {
    Message invite = uas.await("INVITE", STEP);
    answerAndHangUpWithLateMessages(uas, invite);
  }

  private static void answerAndHangUpWithLateMessages(ScriptedSipPeer uas, Message invite) {
    uas.reply(invite, 100, "Trying", null);
    uas.reply(invite, 180, "Ringing", "peer");
    uas.reply(invite, 200, "OK", "peer");
    uas.await("ACK", STEP);
    uas.reply(invite, 100, "Trying", null); // the interleaving CI saw on 2026-12-02
    uas.reply(invite, 200, "OK", "peer"); // our 200 crossed the ACK: retransmitted
    Message bye = uas.await("BYE", STEP);
    uas.reply(bye, 200, "OK", null);
    uas.reply(bye, 200, "OK", null); // the BYE's 200 retransmitted
    uas.reply(invite, 100, "Trying", null); // and one more straggler during the wait
  }

  private static String request(
      ScriptedSipPeer from, String method, int cseq, String branch, String toTag) {
    boolean invite = method.equals("INVITE");
    return method
        + " sip:bob@127.0.0.1 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:"
        + from.port()
        + ";branch="
        + branch
        + "\r\n"
        + "From: <sip:alice@127.0.0.1>;tag=alice1\r\n"
        + "To: <sip:bob@127.0.0.1>"
        + (toTag == null ? "" : ";tag=" + toTag)
        + "\r\n"
        + "Call-ID: interleaving-1@127.0.0.1\r\n"
        + "CSeq: "
        + cseq
        + " "
        + method
        + "\r\n"
        + "Contact: <sip:alice@127.0.0.1:"
        + from.port()
        + ">\r\n"
        + "Max-Forwards: 70\r\n"
        + (invite ? "X-Want-Reply: 200\r\n" : "")
        + "Content-Length: 0\r\n\r\n";
  }

  private static CompletableFuture<Integer> uac(
      Path dir, Path scenario, ScriptedSipPeer target, String call) {
    String name = "sipp-" + scenario.getFileName().toString().replace(".xml", "");
    return CompletableFuture.supplyAsync(
        () -> Sipp.runUacScenario(dir, name, scenario, target.port(), List.of(call)));
  }

  private static int exit(CompletableFuture<Integer> uac) {
    try {
      return uac.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("sipp did not finish", e);
    }
  }

  private static RunningProcess startUasForOneCall(Path dir, Path scenario, int port) {
    RunningProcess uas =
        RunningProcess.start(
            "sipp-uas-one-call",
            List.of(
                Tool.SIPP.path(),
                "-sf",
                scenario.toString(),
                "-i",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-m",
                "1",
                "-nostdin",
                "-trace_err"),
            dir);
    return uas.awaitReady(
        "sipp UAS listening on udp 127.0.0.1:" + port,
        RunningProcess.START_DEADLINE,
        () -> Ports.udpBound(port));
  }

  /** {@code scenario} with its sipp transactions removed: sipp then matches by position only. */
  private static Path withoutTransactions(Path dir, String scenario) {
    try {
      Files.createDirectories(dir);
      String xml = Files.readString(Sipp.scenario(scenario));
      String stripped = xml.replaceAll(" (start|response|ack)_txn=\"[a-z]+\"", "");
      assertThat(stripped).isNotEqualTo(xml).doesNotContain("_txn=");
      Path copy = dir.resolve("no-transactions-" + scenario);
      Files.writeString(copy, stripped);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
