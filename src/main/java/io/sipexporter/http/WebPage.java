package io.sipexporter.http;

/** One HTTP answer: status, content type and body. */
public record WebPage(int status, String contentType, String body) {
  public static final String HTML = "text/html; charset=utf-8";
  public static final String JSON = "application/json; charset=utf-8";
  public static final String TEXT = "text/plain; charset=utf-8";

  public static WebPage html(String body) {
    return new WebPage(200, HTML, body);
  }

  public static WebPage json(String body) {
    return new WebPage(200, JSON, body);
  }

  public static WebPage text(int status, String body) {
    return new WebPage(status, TEXT, body);
  }

  public static WebPage notFound(String path) {
    return text(404, "404 not found: " + path + "\n");
  }
}
