package io.sipexporter.http;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sipexporter.catalog.CatalogJson;
import io.sipexporter.catalog.CodeClass;
import io.sipexporter.catalog.CodeComparison;
import io.sipexporter.catalog.ResponseCode;
import io.sipexporter.catalog.ResponseCodeCatalog;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.IntToLongFunction;

/**
 * Maps a request path under {@code /codes} or {@code /api/v1/codes} to a finished response, so the
 * HTTP server only copies status, content type and body. Pure: no I/O, no Vert.x types.
 *
 * <pre>{@code
 * CodeRoutes routes = new CodeRoutes(catalog, counts::seen, new CodeRates(registry));
 * routes.respond(request.path()).ifPresent(r ->
 *     request.response().setStatusCode(r.status()).putHeader("Content-Type", r.contentType())
 *         .end(r.body()));
 * }</pre>
 */
public final class CodeRoutes {
  private static final String PAGES = "/codes";
  private static final String API = "/api/v1/codes";
  private static final java.util.regex.Pattern CLASS = java.util.regex.Pattern.compile("[1-6]xx");

  private final ResponseCodeCatalog catalog;
  private final IntToLongFunction seen;
  private final CodeRates rates;

  /** Pages without live rates: no counter is ever read but {@code seen}. */
  public CodeRoutes(ResponseCodeCatalog catalog, IntToLongFunction seen) {
    this(catalog, seen, new CodeRates(new SimpleMeterRegistry()));
  }

  /**
   * @param seen the number of responses seen with a code since start (0 if never); called on the
   *     HTTP thread, so it must be safe to read concurrently with the counters being updated
   * @param rates the live rates of the exporter's response counters, for the code pages
   */
  public CodeRoutes(ResponseCodeCatalog catalog, IntToLongFunction seen, CodeRates rates) {
    this.catalog = catalog;
    this.seen = seen;
    this.rates = rates;
  }

  /** The catalogue the pages come from. */
  public ResponseCodeCatalog catalog() {
    return catalog;
  }

  /** The live rates the pages show; the web server snapshots them on its timer. */
  public CodeRates rates() {
    return rates;
  }

  /**
   * The response for {@code path} (without query string), or empty when the path is not one of
   * {@code /codes}, {@code /codes/{code}}, {@code /codes/{class}} (e.g. {@code 4xx}, HTML only),
   * {@code /codes/compare/{a}/{b}} or the same under {@code /api/v1/codes}. A code may also be
   * named by its reason phrase, current or older, e.g. {@code /codes/Temporarily%20not%20available}
   * or {@code /codes/temporarily-not-available} for 480. A malformed or out-of-range code, or text
   * that is no code's phrase, gives 404 with a one-line explanation.
   */
  public Optional<WebPage> respond(String path) {
    String p =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    boolean json = p.equals(API) || p.startsWith(API + "/");
    String rest;
    if (json) {
      rest = p.substring(API.length());
    } else if (p.equals(PAGES) || p.startsWith(PAGES + "/")) {
      rest = p.substring(PAGES.length());
    } else {
      return Optional.empty();
    }
    String[] parts = rest.isEmpty() ? new String[0] : rest.substring(1).split("/", -1);
    try {
      if (parts.length == 0) {
        return ok(json, json ? CatalogJson.index(catalog, seen) : CodePages.index(catalog, seen));
      }
      if (parts.length == 1 && !json && CLASS.matcher(parts[0]).matches()) {
        CodeClass cc = CodeClass.ofLabel(parts[0]);
        return ok(false, CodePages.codeClass(catalog, cc, rates.ofClass(cc.label())));
      }
      if (parts.length == 1) {
        ResponseCode c = catalog.find(decode(parts[0]));
        return ok(
            json,
            json
                ? LiveJson.withLive(CatalogJson.code(catalog, c), rates.ofCode(c.code()))
                : CodePages.code(
                    catalog,
                    c,
                    seen.applyAsLong(c.code()),
                    rates.ofCode(c.code()),
                    rates::sinceStart));
      }
      if (parts.length == 3 && parts[0].equals("compare")) {
        CodeComparison cmp =
            catalog.compare(
                ResponseCodeCatalog.parseCode(parts[1]), ResponseCodeCatalog.parseCode(parts[2]));
        return ok(json, json ? CatalogJson.compare(catalog, cmp) : CodePages.compare(catalog, cmp));
      }
      return notFound(
          json, "no such page: use /codes, /codes/{code}, /codes/4xx or /codes/compare/{a}/{b}");
    } catch (IllegalArgumentException e) {
      return notFound(json, e.getMessage());
    }
  }

  /** A path segment with its percent-escapes decoded (a {@code +} stays a {@code +}). */
  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static Optional<WebPage> ok(boolean json, String body) {
    return Optional.of(new WebPage(200, json ? WebPage.JSON : WebPage.HTML, body));
  }

  private static Optional<WebPage> notFound(boolean json, String message) {
    return Optional.of(
        new WebPage(
            404,
            json ? WebPage.JSON : WebPage.HTML,
            json ? CatalogJson.error(message) : CodePages.error(message)));
  }
}
