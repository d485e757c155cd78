package io.sipexporter.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.LoggerFactory;

/** Sets the log format (plain lines or one JSON object per line) and level before anything logs. */
final class Logging {
  private Logging() {}

  /** Loads {@code logback-FORMAT.xml} and sets the root level; both come from validated flags. */
  static void configure(LogFormat format, String level) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    URL config =
        Logging.class.getResource(
            "/logback-" + format.name().toLowerCase(java.util.Locale.ROOT) + ".xml");
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(config);
    } catch (JoranException e) {
      throw new IllegalStateException("bundled logging configuration is broken: " + config, e);
    }
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
  }

  /** The log line formats {@code --log.format} accepts. */
  enum LogFormat {
    TEXT,
    JSON
  }
}
