package io.sipexporter.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 11: the rmem_max check read one byte of the real /proc file ("at most 4"). */
class ReceiveBufferTest {

  @Test
  void readsTheWholeRmemMaxAsCatPrintsIt() throws Exception {
    Process cat = new ProcessBuilder("cat", "/proc/sys/net/core/rmem_max").start();
    String printed = new String(cat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(cat.waitFor()).isZero();

    assertThat(ReceiveBuffer.kernelMax()).isEqualTo(Long.parseLong(printed.trim()));
  }
}
