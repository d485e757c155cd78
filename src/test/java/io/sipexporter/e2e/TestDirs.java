package io.sipexporter.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Per-test working directories under target/, kept after the run for diagnosis. */
public final class TestDirs {
  private TestDirs() {}

  /** An emptied {@code target/e2e/<name>}. */
  public static Path fresh(String name) {
    Path dir = Path.of("target", "e2e", name).toAbsolutePath();
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> paths = Files.walk(dir)) {
          paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
