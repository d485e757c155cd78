package io.sipexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Issue 11: the --help footer said "environment variable shown as null above". */
class HelpTextTest {

  @Test
  void helpNamesNoNullAndTheFooterSaysWhereTheVariablesAre() {
    StringWriter out = new StringWriter();
    CommandLine cl = SipExporterCommand.newCommandLine();
    cl.setOut(new PrintWriter(out, true));

    assertThat(cl.execute("--help")).isZero();

    String help = out.toString().replaceAll("\\s+", " ");
    assertThat(help).doesNotContainIgnoringCase("null");
    assertThat(help)
        .contains("set by the environment variable named after \"env\" above")
        .contains("env SIP_EXPORTER_SIP_LISTEN_ADDRESS")
        .contains("(default :5060; env SIP_EXPORTER_SIP_LISTEN_ADDRESS)");
  }
}
