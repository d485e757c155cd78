package io.sipexporter.http;

/**
 * What a reloaded web config may not do to the running one: remove every basic-auth user, turn TLS
 * off, lower {@code client_auth_type} or lower {@code min_version}. An emptied or comment-only file
 * reads as "no TLS, no users", so without this rule a truncating editor opens the port.
 */
final class WebDowngrade {
  private WebDowngrade() {}

  /** Which setting {@code next} weakens, naming the file and key, or null when none. */
  static String of(WebConfig running, WebConfig next) {
    String file = next.file() + ": ";
    if (!running.users().isEmpty() && next.users().isEmpty()) {
      return file
          + "basic_auth_users: no users, where the running config has "
          + running.users().size()
          + ": turning basic auth off";
    }
    WebTls was = running.tls();
    WebTls now = next.tls();
    if (was == null) {
      return null;
    }
    if (now == null) {
      return file + "tls_server_config: none, where the running config serves TLS: turning TLS off";
    }
    if (now.clientAuth().compareTo(was.clientAuth()) < 0) {
      return file
          + "tls_server_config.client_auth_type: lowered from "
          + was.clientAuth().configName()
          + " to "
          + now.clientAuth().configName();
    }
    if (now.min().compareTo(was.min()) < 0) {
      return file
          + "tls_server_config.min_version: lowered from "
          + was.min().name()
          + " to "
          + now.min().name();
    }
    return null;
  }
}
