package io.sipexporter.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CatalogJsonTest {
  private static final ResponseCodeCatalog CATALOG = ResponseCodeCatalog.load();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void indexHoldsEveryCodeWithItsCount() throws Exception {
    JsonNode root = JSON.readTree(CatalogJson.index(CATALOG, c -> c == 503 ? 9 : c == 409 ? 2 : 0));
    assertThat(root.get("classes")).hasSize(6);
    assertThat(root.get("classes").get(3).get("class").asText()).isEqualTo("4xx");
    JsonNode codes = root.get("codes");
    assertThat(codes).hasSize(76);
    JsonNode first = codes.get(0);
    assertThat(first.get("code").asInt()).isEqualTo(100);
    assertThat(first.get("reason").asText()).isEqualTo("Trying");
    assertThat(first.get("seen").asLong()).isZero();
    for (JsonNode n : codes) {
      if (n.get("code").asInt() == 503) {
        assertThat(n.get("seen").asLong()).isEqualTo(9);
        assertThat(n.get("severity").asText()).isEqualTo("critical");
      }
      if (n.get("code").asInt() == 409) {
        assertThat(n.get("registered").asBoolean()).isFalse();
        assertThat(n.get("reason").isNull()).isTrue();
      }
    }
  }

  @Test
  void codeHasEveryField() throws Exception {
    JsonNode n = JSON.readTree(CatalogJson.code(CATALOG, CATALOG.lookup(436)));
    assertThat(n.get("reason").asText()).isEqualTo("Bad Identity Info");
    assertThat(n.get("rfc").asText()).isEqualTo("RFC 8224");
    assertThat(n.get("aliases").get(0).asText()).isEqualTo("Bad Identity-Info");
    assertThat(n.get("className").asText()).isEqualTo("Client Failure");
    assertThat(n.get("related").get(0).get("code").asInt()).isEqualTo(437);
    assertThat(n.get("related").get(0).get("reason").asText()).isEqualTo("Unsupported Credential");
    for (String field : new String[] {"description", "when", "fix", "outcome", "severity"}) {
      assertThat(n.get(field).asText()).as(field).isNotBlank();
    }
    assertThat(n.has("treatedAs")).isFalse();
  }

  @Test
  void errorIsAnObjectWithTheMessage() throws Exception {
    JsonNode n = JSON.readTree(CatalogJson.error("'99' is out of range"));
    assertThat(n.get("error").asText()).isEqualTo("'99' is out of range");
  }
}
