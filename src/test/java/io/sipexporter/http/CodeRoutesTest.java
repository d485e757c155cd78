package io.sipexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.catalog.ResponseCodeCatalog;
import org.junit.jupiter.api.Test;

class CodeRoutesTest {
  private final CodeRoutes routes =
      new CodeRoutes(ResponseCodeCatalog.load(), code -> code == 437 ? 12 : 0);

  private WebPage get(String path) {
    return routes.respond(path).orElseThrow();
  }

  @Test
  void servesThePages() {
    assertThat(get("/codes").body()).contains("<h1>SIP response codes</h1>");
    assertThat(get("/codes/").status()).isEqualTo(200);
    WebPage page = get("/codes/437");
    assertThat(page.contentType()).isEqualTo(WebPage.HTML);
    assertThat(page.body()).contains("<h1>437 Unsupported Credential</h1>", "<td>12</td>");
    assertThat(get("/codes/compare/200/437").body())
        .contains("200 OK vs 437 Unsupported Credential");
    assertThat(get("/codes/499").body()).contains("499 (unregistered 4xx)");
  }

  @Test
  void servesTheJson() {
    WebPage index = get("/api/v1/codes");
    assertThat(index.contentType()).isEqualTo(WebPage.JSON);
    assertThat(index.body()).contains("\"seen\" : 12");
    assertThat(get("/api/v1/codes/437").body()).contains("\"reason\" : \"Unsupported Credential\"");
    assertThat(get("/api/v1/codes/compare/200/437").body()).contains("\"sameClass\" : false");
  }

  @Test
  void explainsBadCodesWith404() {
    WebPage html = get("/codes/abc");
    assertThat(html.status()).isEqualTo(404);
    assertThat(html.body())
        .contains("&#39;abc&#39; is neither a response code nor a reason phrase");
    WebPage json = get("/api/v1/codes/compare/200/700");
    assertThat(json.status()).isEqualTo(404);
    assertThat(json.body()).contains("\"error\" : \"'700' is out of range");
    assertThat(get("/codes/99").status()).isEqualTo(404);
    assertThat(get("/codes/compare/200").status()).isEqualTo(404);
    assertThat(get("/codes/%3Cscript%3E").body()).doesNotContain("<script>");
  }

  @Test
  void servesACodeNamedByItsPhraseCurrentOrOlder() {
    WebPage page = get("/codes/Temporarily%20not%20available");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<h1>480 Temporarily Unavailable</h1>");
    assertThat(get("/codes/temporarily-unavailable").body())
        .contains("<h1>480 Temporarily Unavailable</h1>");
    assertThat(get("/api/v1/codes/internal-server-error").body()).contains("\"code\" : 500");
    assertThat(get("/codes/Call%20Leg%2FTransaction%20Does%20Not%20Exist").body())
        .contains("<h1>481 Call/Transaction Does Not Exist</h1>");
    WebPage shared = get("/api/v1/codes/not-acceptable");
    assertThat(shared.status()).isEqualTo(404);
    assertThat(shared.body()).contains("406 Not Acceptable and 606 Not Acceptable");
    assertThat(get("/codes/%zz").status()).isEqualTo(404);
  }

  @Test
  void ignoresOtherPaths() {
    assertThat(routes.respond("/metrics")).isEmpty();
    assertThat(routes.respond("/codesx")).isEmpty();
    assertThat(routes.respond("/")).isEmpty();
    assertThat(routes.respond("/api/v1/other")).isEmpty();
  }
}
