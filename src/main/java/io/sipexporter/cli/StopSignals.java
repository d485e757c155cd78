package io.sipexporter.cli;

import java.util.List;
import sun.misc.Signal;

/**
 * Makes SIGTERM and SIGINT a normal stop: instead of the JVM's default (run the shutdown hooks,
 * exit 143 or 130), {@code stop} runs, so the caller can drain and exit 0 as the README says.
 */
final class StopSignals {
  private StopSignals() {}

  /**
   * Runs {@code reload} (on the JVM's signal thread) on SIGHUP instead of stopping: for {@code
   * --peers.file}. False when the signal cannot be taken here.
   */
  static boolean onReload(Runnable reload) {
    try {
      Signal.handle(new Signal("HUP"), signal -> reload.run());
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Runs {@code stop} (on the JVM's signal thread) on SIGTERM or SIGINT. */
  static void onStop(Runnable stop) {
    for (String name : List.of("TERM", "INT")) {
      try {
        Signal.handle(new Signal(name), signal -> stop.run());
      } catch (IllegalArgumentException e) {
        // taken by the JVM (-Xrs) or unknown here: the shutdown hook still drains, exit is 143
      }
    }
  }
}
