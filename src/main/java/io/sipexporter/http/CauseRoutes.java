package io.sipexporter.http;

import io.sipexporter.catalog.Q850Catalog;
import io.sipexporter.catalog.ResponseCodeCatalog;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps {@code /causes/q850} and {@code /causes/q850/{cause}} to the Q.850 cause pages; a cause
 * outside 1-127 or not a number gives 404 with a one-line explanation. Pure, as {@link CodeRoutes}.
 */
final class CauseRoutes {
  private static final String PAGES = "/causes";

  private final Q850Catalog q850;
  private final ResponseCodeCatalog codes;

  CauseRoutes(Q850Catalog q850, ResponseCodeCatalog codes) {
    this.q850 = q850;
    this.codes = codes;
  }

  /** The page for {@code path}, or empty when it is not under {@code /causes}. */
  Optional<WebPage> respond(String path) {
    String p =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (!p.equals(PAGES) && !p.startsWith(PAGES + "/")) {
      return Optional.empty();
    }
    String[] parts = p.substring(PAGES.length()).split("/", -1); // "", protocol, cause
    if (parts.length == 1) {
      return page(200, CausePages.index(q850, codes));
    }
    String protocol = parts[1].toLowerCase(Locale.ROOT);
    if (parts.length > 3 || !(protocol.equals("q850") || protocol.equals("q.850"))) {
      return page(404, CausePages.error("no such page: use /causes/q850 or /causes/q850/{cause}"));
    }
    if (parts.length == 2) {
      return page(200, CausePages.index(q850, codes));
    }
    try {
      return page(200, CausePages.cause(codes, q850.explain(Q850Catalog.parseCause(parts[2]))));
    } catch (IllegalArgumentException e) {
      return page(404, CausePages.error(e.getMessage()));
    }
  }

  private static Optional<WebPage> page(int status, String html) {
    return Optional.of(new WebPage(status, WebPage.HTML, html));
  }
}
