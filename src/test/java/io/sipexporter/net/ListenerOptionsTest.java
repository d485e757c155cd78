package io.sipexporter.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The listeners' options hold each flag's default and range; a value out of range names its flag.
 */
class ListenerOptionsTest {
  private static final ListenerOptions D = ListenerOptions.defaults();

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    assertThat(D.maxMessageBytes()).isEqualTo(65535);
    assertThat(D.udpReceiveBufferBytes()).isEqualTo(33554432);
    assertThat(D.tcpMaxConnections()).isEqualTo(1024);
    assertThat(D.tcpIdleTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(D.eventLoops()).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void zeroEventLoopsMeansOnePerCpu() {
    assertThat(D.withEventLoops(0).eventLoops())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(D.withEventLoops(256).eventLoops()).isEqualTo(256);
    assertThatThrownBy(() -> D.withEventLoops(-1))
        .hasMessage("--sip.event-loops must be 0 (one per CPU) to 256, not -1");
  }

  @Test
  void valuesOutOfRangeNameTheirFlag() {
    assertThatThrownBy(() -> D.withMaxMessageBytes(255))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--sip.max-message-bytes must be between 256 and 16777216, not 255");
    assertThatThrownBy(() -> D.withMaxMessageBytes((16 << 20) + 1))
        .hasMessage("--sip.max-message-bytes must be between 256 and 16777216, not 16777217");
    assertThat(ListenerOptions.checkMaxMessageBytes(256)).isEqualTo(256);
    assertThatThrownBy(() -> new ListenerOptions(65535, 4095, 1024, Duration.ofMinutes(1), 1))
        .hasMessage("--sip.udp-receive-buffer-bytes must be at least 4096, not 4095");
    assertThatThrownBy(() -> D.withTcpMaxConnections(0))
        .hasMessage("--sip.tcp-max-connections must be at least 1, not 0");
    assertThatThrownBy(() -> D.withTcpIdleTimeout(Duration.ZERO))
        .hasMessage("--sip.tcp-idle-timeout must be more than 0, not 0s");
  }
}
