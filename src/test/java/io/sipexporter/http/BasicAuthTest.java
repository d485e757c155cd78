package io.sipexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BasicAuthTest {
  // OpenBSD's bcrypt test vector for "U*U"; $2b$ and $2y$ differ from $2a$ only in the prefix
  private static final String OPENBSD = "$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

  private static BasicAuth.Credentials basic(String user, String password) {
    String token =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return BasicAuth.Credentials.parse("Basic " + token);
  }

  @Test
  void verifiesTheHashPrefixesHtpasswdAndPythonMake() {
    for (String prefix : new String[] {"$2a", "$2b", "$2y"}) {
      BasicAuth auth = BasicAuth.of(Map.of("u", prefix + OPENBSD));
      assertThat(auth.verify(basic("u", "U*U"))).as(prefix).isTrue();
      assertThat(auth.verify(basic("u", "U*V"))).as(prefix).isFalse();
    }
    String generated =
        new String(
            BCrypt.with(BCrypt.Version.VERSION_2Y).hash(4, "s3cret: with colon".toCharArray()),
            StandardCharsets.US_ASCII);
    assertThat(generated).startsWith("$2y$04$");
    assertThat(
            BasicAuth.of(Map.of("prometheus", generated))
                .verify(basic("prometheus", "s3cret: with colon")))
        .isTrue();
  }

  @Test
  void refusesUnknownUsersMissingAndMalformedCredentials() {
    BasicAuth auth = BasicAuth.of(Map.of("u", "$2y" + OPENBSD));
    assertThat(auth.verify(basic("v", "U*U"))).as("unknown user").isFalse();
    assertThat(auth.cached(null)).as("no Authorization header").isFalse();
    assertThat(BasicAuth.Credentials.parse(null)).isNull();
    assertThat(BasicAuth.Credentials.parse("Bearer abc")).isNull();
    assertThat(BasicAuth.Credentials.parse("Basic !!!")).as("not base64").isNull();
    assertThat(
            BasicAuth.Credentials.parse(
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("nocolon".getBytes(StandardCharsets.UTF_8))))
        .isNull();
    assertThat(
            BasicAuth.Credentials.parse(
                    "basic "
                        + Base64.getEncoder()
                            .encodeToString("u:p".getBytes(StandardCharsets.UTF_8)))
                .user())
        .as("the scheme is case-insensitive")
        .isEqualTo("u");
    assertThat(auth.cached(basic("u", "x".repeat(73)))).as("longer than bcrypt reads").isFalse();
  }

  @Test
  void remembersAnswersSoRepeatedScrapesSkipBcrypt() {
    BasicAuth auth = BasicAuth.of(Map.of("u", "$2a" + OPENBSD));
    assertThat(auth.cached(basic("u", "U*U"))).isNull();
    assertThat(auth.verify(basic("u", "U*U"))).isTrue();
    assertThat(auth.cached(basic("u", "U*U"))).isTrue();
    assertThat(auth.verify(basic("u", "wrong"))).isFalse();
    assertThat(auth.cached(basic("u", "wrong"))).isFalse();
    assertThat(auth.cached(basic("u", "U*U")))
        .as("a refused password does not evict an accepted one")
        .isTrue();
  }

  @Test
  void aReloadWithAnotherHashForgetsTheOldAnswer() {
    BasicAuth auth = BasicAuth.of(Map.of("u", "$2a" + OPENBSD));
    assertThat(auth.verify(basic("u", "U*U"))).isTrue();
    String other =
        new String(BCrypt.withDefaults().hash(4, "new".toCharArray()), StandardCharsets.US_ASCII);
    BasicAuth reloaded = auth.withUsers(Map.of("u", other));
    assertThat(reloaded.cached(basic("u", "U*U"))).isNull();
    assertThat(reloaded.verify(basic("u", "U*U"))).isFalse();
    assertThat(reloaded.verify(basic("u", "new"))).isTrue();
    assertThat(auth.withUsers(Map.of()).enabled()).isFalse();
  }
}
