package io.sipexporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each checked-in fuzz corpus ({@code <package>/<Class>Inputs/} under the test resources) sits
 * beside the test class that replays it: Jazzer looks it up by the class's package, and a corpus
 * left behind when a test moves is silently never replayed again.
 */
class FuzzCorpusPlacementTest {
  private static final Path RESOURCES = Path.of("src/test/resources");
  private static final Path SOURCES = Path.of("src/test/java");

  @Test
  void everyCorpusHasItsTestClassInTheSamePackage() throws IOException {
    List<Path> corpora;
    try (Stream<Path> dirs = Files.walk(RESOURCES.resolve("io/sipexporter"))) {
      corpora =
          dirs.filter(Files::isDirectory)
              .filter(d -> d.getFileName().toString().endsWith("FuzzTestInputs"))
              .toList();
    }
    assertThat(corpora).as("fuzz corpora under %s", RESOURCES).hasSizeGreaterThanOrEqualTo(5);
    for (Path corpus : corpora) {
      String name = corpus.getFileName().toString();
      Path test =
          SOURCES
              .resolve(RESOURCES.relativize(corpus.getParent()))
              .resolve(name.substring(0, name.length() - "Inputs".length()) + ".java");
      assertThat(test).as("the test class replaying %s", corpus).exists();
    }
  }
}
