package io.sipexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Issue 11: --log.format=json printed "{} listener on {}" without the values. */
class JsonLogTest {

  @Test
  void jsonLinesCarryTheFormattedMessageAndTheArguments() throws Exception {
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      Logging.configure(Logging.LogFormat.JSON, "info");
      LoggerFactory.getLogger(JsonLogTest.class)
          .info("{} listener on {} (udp+tcp), {} UDP socket(s)", "SIP", "0.0.0.0:5060", 2);
    } finally {
      System.setErr(stderr);
      Logging.configure(Logging.LogFormat.TEXT, "info");
    }

    JsonNode line = null;
    for (String text : captured.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!text.startsWith("{")) {
        continue; // other tests' threads may still log while System.err is captured
      }
      JsonNode node = new ObjectMapper().readTree(text);
      if (JsonLogTest.class.getName().equals(node.path("loggerName").asText())) {
        line = node;
      }
    }
    assertThat(line).as("a JSON line from this logger in %s", captured).isNotNull();
    assertThat(line.path("formattedMessage").asText())
        .isEqualTo("SIP listener on 0.0.0.0:5060 (udp+tcp), 2 UDP socket(s)");
    assertThat(line.path("arguments").toString()).isEqualTo("[\"SIP\",\"0.0.0.0:5060\",\"2\"]");
    assertThat(line.path("level").asText()).isEqualTo("INFO");
  }
}
