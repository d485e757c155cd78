package io.sipexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.ExporterConfig;
import io.sipexporter.http.WebLimits;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --web.max-connections} (1..4096) and {@code --web.read-header-timeout} (100ms..30s). */
class WebLimitFlagsTest {

  private static ExporterConfig config(String... args) {
    CommandLine cl = SipExporterCommand.newCommandLine();
    cl.parseArgs(args);
    return ((SipExporterCommand) cl.getCommand()).toConfig();
  }

  /** Runs the command line as main does, returning the exit code and stderr. */
  private static String[] run(String... args) {
    CommandLine cl = SipExporterCommand.newCommandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    return new String[] {Integer.toString(cl.execute(args)), err.toString()};
  }

  @Test
  void defaultsAreTheReadmes() {
    assertThat(config().webLimits()).isEqualTo(new WebLimits(64, Duration.ofSeconds(10)));
    assertThat(ExporterConfig.defaults().webLimits()).isEqualTo(WebLimits.DEFAULTS);
  }

  @Test
  void theRangeEndsAreAccepted() {
    assertThat(config("--web.max-connections=1", "--web.read-header-timeout=100ms").webLimits())
        .isEqualTo(new WebLimits(1, Duration.ofMillis(100)));
    assertThat(config("--web.max-connections=4096", "--web.read-header-timeout=30s").webLimits())
        .isEqualTo(new WebLimits(4096, Duration.ofSeconds(30)));
  }

  @Test
  void outOfRangeIsAUsageErrorExitTwoNamingTheFlag() {
    for (String bad :
        new String[] {
          "--web.max-connections=0",
          "--web.max-connections=4097",
          "--web.max-connections=many",
          "--web.read-header-timeout=99ms",
          "--web.read-header-timeout=31s",
          "--web.read-header-timeout=0"
        }) {
      String[] result = run(bad);
      assertThat(result[0]).as(bad).isEqualTo("2");
      assertThat(result[1]).as(bad).contains(bad.substring(0, bad.indexOf('=')));
    }
  }

  @Test
  void theirEnvironmentVariablesFollowTheNamingPattern() {
    assertThat(SipExporterCommand.newCommandLine().getUsageMessage())
        .contains("SIP_EXPORTER_WEB_MAX_CONNECTIONS")
        .contains("SIP_EXPORTER_WEB_READ_HEADER_TIMEOUT");
    assertThat(ConfigDefaults.envName("--web.max-connections"))
        .isEqualTo("SIP_EXPORTER_WEB_MAX_CONNECTIONS");
  }
}
