package io.sipexporter.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code basic_auth_users} section of a web config: user names and their bcrypt hashes. */
final class BasicAuthUsers {
  // $2a$/$2b$/$2y$ (and OpenBSD's old $2x$), a two-digit cost, 22 salt and 31 hash characters
  private static final Pattern BCRYPT =
      Pattern.compile("\\$2[abxy]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

  private BasicAuthUsers() {}

  /** User name to bcrypt hash, each checked; an error names the user. */
  static Map<String, String> read(WebConfigSource source, JsonNode node) {
    Map<String, String> users = source.scalars("basic_auth_users", node);
    for (Map.Entry<String, String> user : users.entrySet()) {
      String name = "basic_auth_users." + user.getKey();
      if (user.getKey().isEmpty() || user.getKey().indexOf(':') >= 0) {
        throw source.error(name, "a user name must be non-empty and hold no ':' (RFC 7617 2)");
      }
      if (!BCRYPT.matcher(user.getValue()).matches()) {
        throw source.error(
            name,
            "not a bcrypt hash ($2a$, $2b$ or $2y$, cost 04-31, 60 characters); make one with htpasswd -nBC 10 \"\" | tr -d ':\\n'");
      }
    }
    return users;
  }
}
