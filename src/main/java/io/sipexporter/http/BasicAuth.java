package io.sipexporter.http;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * HTTP basic authentication (RFC 7617) against bcrypt hashes, as exporter-toolkit does it: an
 * unknown user still costs one bcrypt (against a fixed hash), so timing does not tell which users
 * exist; each checked (user, hash, password) is remembered by its SHA-256, so a scraper that sends
 * the same credentials every few seconds pays bcrypt (~70 ms at cost 10) once.
 *
 * <pre>{@code
 * BasicAuth auth = BasicAuth.of(Map.of("prometheus", "$2y$10$..."));
 * BasicAuth.Credentials c = BasicAuth.Credentials.parse(request.getHeader("Authorization"));
 * Boolean known = auth.cached(c);          // cheap: on the event loop
 * boolean ok = known != null ? known : auth.verify(c);  // bcrypt: on a worker thread
 * }</pre>
 */
public final class BasicAuth {
  // exporter-toolkit's stand-in for unknown users: a cost-10 hash of no known password
  private static final String UNKNOWN_USER_HASH =
      "$2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi";
  // bcrypt reads at most 72 bytes; longer passwords are refused, as Go's x/crypto/bcrypt does
  private static final int MAX_PASSWORD_BYTES = 72;

  private final Map<String, String> users;
  private final Decisions decisions;

  private BasicAuth(Map<String, String> users, Decisions decisions) {
    this.users = Map.copyOf(users);
    this.decisions = decisions;
  }

  /** Authentication against {@code users} (name to bcrypt hash); none when the map is empty. */
  public static BasicAuth of(Map<String, String> users) {
    return new BasicAuth(users, new Decisions());
  }

  /** The same check with other users, keeping what was already verified (a reload). */
  public BasicAuth withUsers(Map<String, String> newUsers) {
    return new BasicAuth(newUsers, decisions);
  }

  /** Whether requests need credentials at all. */
  public boolean enabled() {
    return !users.isEmpty();
  }

  public Set<String> users() {
    return users.keySet();
  }

  /**
   * The decision when it needs no bcrypt: false for missing or malformed credentials, the
   * remembered answer for credentials seen before, else null.
   */
  public Boolean cached(Credentials credentials) {
    if (credentials == null || credentials.password.length > MAX_PASSWORD_BYTES) {
      return false;
    }
    return decisions.get(key(credentials));
  }

  /** Runs bcrypt (slow: call it off the event loop) and remembers the answer. */
  public boolean verify(Credentials credentials) {
    Boolean known = cached(credentials);
    if (known != null) {
      return known;
    }
    String hash = users.get(credentials.user);
    boolean matches;
    try {
      matches =
          BCrypt.verifyer()
              .verify(
                  credentials.password,
                  (hash == null ? UNKNOWN_USER_HASH : hash).getBytes(StandardCharsets.US_ASCII))
              .verified;
    } catch (RuntimeException e) {
      matches =
          false; // a hash the library cannot read: WebConfig checks the format, so not expected
    }
    boolean ok = hash != null && matches;
    decisions.put(key(credentials), ok);
    return ok;
  }

  private byte[] key(Credentials c) {
    String hash = users.getOrDefault(c.user, UNKNOWN_USER_HASH);
    MessageDigest sha = sha256();
    sha.update(c.user.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(hash.getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) 0);
    sha.update(c.password);
    return sha.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** A user and password from an {@code Authorization: Basic} header. */
  public static final class Credentials {
    private final String user;
    private final byte[] password;

    private Credentials(String user, byte[] password) {
      this.user = user;
      this.password = password;
    }

    /** The credentials in {@code header}, or null if it is missing or not Basic. */
    public static Credentials parse(String header) {
      // RFC 7617 2: "Basic" (case-insensitive, RFC 7235 2.1) SP base64(user-id ":" password)
      if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
        return null;
      }
      byte[] decoded;
      try {
        decoded = Base64.getDecoder().decode(header.substring(6).trim());
      } catch (IllegalArgumentException e) {
        return null;
      }
      for (int i = 0; i < decoded.length; i++) {
        if (decoded[i] == ':') {
          byte[] password = java.util.Arrays.copyOfRange(decoded, i + 1, decoded.length);
          return new Credentials(new String(decoded, 0, i, StandardCharsets.UTF_8), password);
        }
      }
      return null;
    }

    public String user() {
      return user;
    }
  }

  /**
   * Remembered answers, by SHA-256 of (user, hash, password). Accepted and refused ones are kept
   * apart, so a flood of wrong passwords cannot push out the scraper's accepted entry.
   */
  private static final class Decisions {
    private final Map<String, Boolean> accepted = lru(64);
    private final Map<String, Boolean> refused = lru(1024);

    Boolean get(byte[] key) {
      String k = Base64.getEncoder().encodeToString(key);
      Boolean ok = accepted.get(k);
      return ok != null ? ok : refused.get(k);
    }

    void put(byte[] key, boolean ok) {
      (ok ? accepted : refused).put(Base64.getEncoder().encodeToString(key), ok);
    }

    private static Map<String, Boolean> lru(int capacity) {
      return Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > capacity;
            }
          });
    }
  }
}
