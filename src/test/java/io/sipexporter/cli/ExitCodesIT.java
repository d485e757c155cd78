package io.sipexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.e2e.Http;
import io.sipexporter.e2e.Jar;
import io.sipexporter.e2e.Ports;
import io.sipexporter.e2e.RunningProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's exit codes, from the real jar: 2 for every usage error (issue 12: out-of-range
 * values exited 1), 0 on SIGTERM and SIGINT after draining (issue 11: SIGTERM exited 143).
 */
@org.junit.jupiter.api.Timeout(180)
class ExitCodesIT {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--no.such-flag",
        "--sip.listen-address=nonsense:port",
        "--sip.max-message-bytes=10",
        "--sip.event-loops=-1",
        "--hep.nodes=100000",
        "--transactions.capacity=0",
        "--log.level=loud",
        "--log.format=xml",
        "--web.telemetry-path=metrics"
      })
  void usageErrorsExit2NamingTheFlag(String flag) {
    RunningProcess p = start("usage", flag);
    assertThat(p.awaitExit(Duration.ofSeconds(60))).as(p.logTail()).isEqualTo(2);
    assertThat(p.logText())
        .contains(flag.substring(0, flag.indexOf('=') < 0 ? flag.length() : flag.indexOf('=')));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sip:\n  max-message-bytes: lots\n",
        "sip:\n  max-message-bytes: 10\n",
        "no-such-key: 1\n",
        "- just\n- a list\n"
      })
  void invalidConfigFileExits2(String yaml) throws Exception {
    Path file = dir.resolve("config.yml");
    Files.writeString(file, yaml);
    RunningProcess p = start("config", "--config.file=" + file);
    assertThat(p.awaitExit(Duration.ofSeconds(60))).as(p.logTail()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void stopSignalDrainsAndExits0(String signal) throws Exception {
    int web = Ports.freeTcp();
    RunningProcess p =
        start(
                "server",
                "--sip.listen-address=127.0.0.1:" + Ports.freeUdpAndTcp(),
                "--hep.listen-address=127.0.0.1:0",
                "--web.listen-address=127.0.0.1:" + web)
            .awaitReady(
                "ready",
                Duration.ofSeconds(30),
                () -> Http.status("http://127.0.0.1:" + web + "/-/ready") == 200);
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
      assertThat(kill.waitFor()).isZero();
      assertThat(p.awaitExit(Duration.ofSeconds(30))).as(p.logTail()).isZero();
      assertThat(p.logText()).contains("drained:");
    } finally {
      p.close();
    }
  }

  /** The jar, with SIGINT's default disposition whatever the shell that runs the build gave. */
  private RunningProcess start(String name, String... args) {
    return Jar.args(args).start(name, dir);
  }
}
