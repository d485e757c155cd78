package io.sipexporter.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for Slack's incoming webhook on loopback: keeps every message Alertmanager posts, so a
 * test reads the notification text as the shipped template rendered it.
 */
public final class SlackReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<JsonNode> messages = new CopyOnWriteArrayList<>();

  public SlackReceiver(int port) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/slack",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            messages.add(Http.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
          }
          byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
          exchange.sendResponseHeaders(200, ok.length);
          exchange.getResponseBody().write(ok);
          exchange.close();
        });
    server.start();
  }

  /** The webhook URL to give Alertmanager. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/slack";
  }

  /** The first attachment of every message whose title contains {@code text}. */
  public List<JsonNode> attachmentsTitled(String text) {
    return messages.stream()
        .map(m -> m.path("attachments").path(0))
        .filter(a -> a.path("title").asText().contains(text))
        .toList();
  }

  /** Every message received so far, for failure messages. */
  public String received() {
    return messages.toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
