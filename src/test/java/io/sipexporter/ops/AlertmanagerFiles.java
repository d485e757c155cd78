package io.sipexporter.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The shipped Alertmanager files under {@code alerts/alertmanager/}: the notification template and
 * the example config, and a runnable copy of that config for tests.
 *
 * <pre>{@code
 * Path config = AlertmanagerFiles.runnableCopy(dir, "http://127.0.0.1:8099/slack", Duration.ofSeconds(1));
 * }</pre>
 */
public final class AlertmanagerFiles {
  /** Where the Alertmanager files live, relative to the project root. */
  public static final Path DIR = AlertRules.DIR.resolve("alertmanager");

  public static final Path TEMPLATE = DIR.resolve("sip-exporter.tmpl");
  public static final Path EXAMPLE_CONFIG = DIR.resolve("alertmanager.yml");

  private AlertmanagerFiles() {}

  /**
   * Writes {@code dir/alertmanager.yml}: the example config unchanged except where it must point at
   * this machine: the template is the shipped file, the Slack webhook URL file holds {@code
   * slackUrl}, and the route waits {@code wait} instead of minutes before (re)sending a group.
   */
  public static Path runnableCopy(Path dir, String slackUrl, Duration wait) {
    try {
      Files.createDirectories(dir);
      Path urlFile = dir.resolve("slack-webhook-url");
      Files.writeString(urlFile, slackUrl);
      ObjectNode config = (ObjectNode) AlertRules.YAML.readTree(EXAMPLE_CONFIG.toFile());
      ((ObjectNode) config.path("global")).put("slack_api_url_file", urlFile.toString());
      config.putArray("templates").add(TEMPLATE.toAbsolutePath().toString());
      ObjectNode route = (ObjectNode) config.path("route");
      route.put("group_wait", wait.toSeconds() + "s");
      route.put("group_interval", wait.toSeconds() + "s");
      Path copy = dir.resolve("alertmanager.yml");
      AlertRules.YAML.writeValue(copy.toFile(), config);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
