package io.sipexporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipexporter.e2e.RunningProcess;
import io.sipexporter.e2e.TestDirs;
import io.sipexporter.e2e.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped Alertmanager template and example config load in Alertmanager's own tool, route by
 * severity, and render what the rules put in an alert: summary, description with its fix, runbook
 * and where. The alerts rendered are the ones the promtool scenarios expect, annotations included.
 */
class AlertmanagerTemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir = TestDirs.fresh("AlertmanagerTemplateTest");
  private final Path config =
      AlertmanagerFiles.runnableCopy(dir, "http://127.0.0.1:9/slack", Duration.ofSeconds(1));

  @Test
  void theExampleConfigAndItsTemplateLoad() {
    String out = amtool("check-config", "check-config", config.toString());
    assertThat(out).contains("SUCCESS").contains("1 templates").doesNotContain("FAILED");
  }

  @Test
  void criticalAlertsGoToTheOnCallReceiverAndTheOthersToTheTeam() {
    assertThat(route("severity=critical", "alertname=SipUnsupportedCertificate"))
        .isEqualTo("sip-oncall");
    assertThat(route("severity=warning", "alertname=SipExporterUdpReceiveDrops"))
        .isEqualTo("sip-team");
    assertThat(route("severity=info", "alertname=SipBusyHereRatioHigh")).isEqualTo("sip-team");
  }

  @Test
  void theTitleNamesTheAlertAndTheExporter() {
    JsonNode alert = expectedAlert("(c)", "SipUnsupportedCertificate");
    String title = render("{{ template \"sip.title\" . }}", data(List.of(alert), List.of()));
    assertThat(title)
        .isEqualTo(
            "[FIRING:1] SipUnsupportedCertificate on 10.0.0.11:10060: "
                + "Calls are rejected with 437 Unsupported Credential.");
    assertThat(render("{{ template \"sip.runbook\" . }}", data(List.of(alert), List.of())))
        .isEqualTo("http://10.0.0.11:10060/codes/437");
  }

  @Test
  void theTextHoldsSummaryDescriptionWithFixRunbookAndWhereForEachAlert() {
    JsonNode certificate = expectedAlert("(c)", "SipUnsupportedCertificate");
    JsonNode silent = expectedAlert("(b)", "SipExporterNoTrafficReceived");
    String text =
        render("{{ template \"sip.text\" . }}", data(List.of(certificate), List.of(silent)));
    JsonNode a = certificate.path("exp_annotations");
    assertThat(text)
        .startsWith(
            String.join(
                "\n",
                "*CRITICAL* " + a.path("summary").asText(),
                a.path("description").asText(),
                "Runbook: http://10.0.0.11:10060/codes/437",
                "Where: class=4xx code=437 instance=10.0.0.11:10060 job=sip-exporter"
                    + " method=INVITE",
                "Since: 2024-05-01 03:00:00 UTC"))
        .contains("How to fix: Sign with a certificate issued by a CA the verifier trusts")
        .endsWith(
            "Resolved:\n- sip-exporter receives no SIP traffic. instance=10.0.0.12:10060"
                + " job=sip-exporter\n");
  }

  /** The exp_alerts entry of {@code alertname} in the scenario whose name starts with prefix. */
  private static JsonNode expectedAlert(String prefix, String alertname) {
    JsonNode scenarios = AlertRules.read(AlertRules.DIR.resolve("tests/scenarios.test.yml"));
    for (JsonNode test : scenarios.path("tests")) {
      if (test.path("name").asText().startsWith(prefix)) {
        for (JsonNode alertTest : test.path("alert_rule_test")) {
          if (alertTest.path("alertname").asText().equals(alertname)) {
            ObjectNode alert = (ObjectNode) alertTest.path("exp_alerts").get(0).deepCopy();
            ((ObjectNode) alert.path("exp_labels")).put("alertname", alertname);
            return alert;
          }
        }
      }
    }
    throw new AssertionError(prefix + " " + alertname + " not in scenarios.test.yml");
  }

  /** Alertmanager's notification data for one group, as {@code amtool template render} reads. */
  private static ObjectNode data(List<JsonNode> firing, List<JsonNode> resolved) {
    ObjectNode data = JSON.createObjectNode();
    data.put("receiver", "sip-oncall").put("status", firing.isEmpty() ? "resolved" : "firing");
    ArrayNode alerts = data.putArray("alerts");
    for (JsonNode a : firing) {
      alerts.add(alert(a, "firing"));
    }
    for (JsonNode a : resolved) {
      alerts.add(alert(a, "resolved"));
    }
    JsonNode first = alerts.get(0);
    data.set("groupLabels", first.path("labels"));
    data.set("commonLabels", first.path("labels"));
    data.set("commonAnnotations", first.path("annotations"));
    data.put("externalURL", "http://alertmanager:9093");
    return data;
  }

  private static ObjectNode alert(JsonNode expected, String status) {
    ObjectNode alert = JSON.createObjectNode();
    alert.put("status", status);
    alert.set("labels", expected.path("exp_labels"));
    alert.set("annotations", expected.path("exp_annotations"));
    alert.put("startsAt", "2024-05-01T03:00:00Z");
    alert.put("endsAt", status.equals("firing") ? "0001-01-01T00:00:00Z" : "2024-05-01T04:00:00Z");
    alert.put("generatorURL", "http://prometheus:9090/graph");
    alert.put("fingerprint", Integer.toHexString(expected.hashCode()));
    return alert;
  }

  private String render(String text, ObjectNode data) {
    Path file = dir.resolve("data-" + Integer.toHexString(data.hashCode()) + ".json");
    try {
      Files.writeString(file, JSON.writeValueAsString(data));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return amtool(
        "render-" + Integer.toHexString(text.hashCode()),
        "template",
        "render",
        "--template.glob=" + AlertmanagerFiles.TEMPLATE.toAbsolutePath(),
        "--template.text=" + text,
        "--template.data=" + file);
  }

  private String route(String... labels) {
    List<String> args =
        new ArrayList<>(List.of("config", "routes", "test", "--config.file=" + config));
    args.addAll(List.of(labels));
    List<String> lines =
        amtool("route-" + labels[0].replace('=', '-'), args.toArray(String[]::new))
            .lines()
            .toList();
    return lines.get(lines.size() - 1).strip(); // the receiver; a warning may come first
  }

  /** Runs amtool, which must exit 0; returns what it printed (its command line left out). */
  private String amtool(String name, String... args) {
    List<String> command = new ArrayList<>(List.of(Tool.AMTOOL.path()));
    command.addAll(List.of(args));
    try (RunningProcess amtool = RunningProcess.start("amtool-" + name, command, dir)) {
      int exit = amtool.awaitExit(Duration.ofSeconds(30));
      String log = amtool.logText();
      String out = log.substring(log.indexOf('\n') + 1);
      assertThat(exit).as("amtool %s\n%s", String.join(" ", args), out).isZero();
      return out;
    }
  }
}
