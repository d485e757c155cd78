package io.sipexporter.core;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A logger that writes at most one line per key every ten seconds: mirrored garbage comes in
 * floods, and the counters already hold the totals.
 */
public final class ThrottledLog {
  private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Logger logger;
  private final ConcurrentMap<String, Long> lastLogged = new ConcurrentHashMap<>();

  public ThrottledLog(Class<?> owner) {
    this.logger = LoggerFactory.getLogger(owner);
  }

  /** Logs at WARN unless this key was logged within the interval. */
  public void warn(String key, String format, Object... args) {
    if (logger.isWarnEnabled() && due(key)) {
      logger.warn(format, args);
    }
  }

  /**
   * Logs at DEBUG unless this key was logged within the interval. Fixed arity, not varargs: it is
   * called for every malformed message, and a varargs call allocates its array even when DEBUG is
   * off.
   */
  public void debug(String key, String format, Object a) {
    if (logger.isDebugEnabled() && due(key)) {
      logger.debug(format, a);
    }
  }

  /** As {@link #debug(String, String, Object)}, with three arguments. */
  public void debug(String key, String format, Object a, Object b, Object c) {
    if (logger.isDebugEnabled() && due(key)) {
      logger.debug(format, a, b, c);
    }
  }

  private boolean due(String key) {
    long now = System.nanoTime();
    Long last = lastLogged.get(key);
    if (last != null && now - last < INTERVAL_NANOS) {
      return false;
    }
    return last == null
        ? lastLogged.putIfAbsent(key, now) == null
        : lastLogged.replace(key, last, now);
  }
}
