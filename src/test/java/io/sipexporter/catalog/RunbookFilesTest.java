package io.sipexporter.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The checked-in runbooks under {@code docs/codes/} must match the catalogue. Regenerate with
 * {@code mvn -B -o -q test -Dtest=RunbookFilesTest -Drunbooks.write=true}.
 */
class RunbookFilesTest {
  private static final String REGENERATE =
      "docs/codes is out of date with the catalogue; regenerate it with: "
          + "mvn -B -o -q test -Dtest=RunbookFilesTest -Drunbooks.write=true";

  @Test
  void runbooksMatchTheCatalogue() throws IOException {
    ResponseCodeCatalog catalog = ResponseCodeCatalog.load();
    Path dir = RunbookWriter.DIRECTORY;
    if (Boolean.getBoolean("runbooks.write")) {
      RunbookWriter.write(catalog, dir);
    }
    Map<String, String> expected = RunbookWriter.render(catalog);
    assertThat(expected).hasSize(75 + 1);
    assertThat(dir).as(REGENERATE).isDirectory();
    Set<String> present;
    try (Stream<Path> files = Files.list(dir)) {
      present =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".md"))
              .collect(Collectors.toSet());
    }
    assertThat(present).as(REGENERATE).isEqualTo(expected.keySet());
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertThat(Files.readString(dir.resolve(e.getKey()), StandardCharsets.UTF_8))
          .as(e.getKey() + ": " + REGENERATE)
          .isEqualTo(e.getValue());
    }
  }

  @Test
  void pagesLinkRelatedCodesAndTheIndex() {
    Map<String, String> pages = RunbookWriter.render(ResponseCodeCatalog.load());
    assertThat(pages.get("437.md"))
        .startsWith("# 437 Unsupported Credential\n")
        .contains(
            "[436 Bad Identity Info](436.md)", "[All codes](README.md)", "edit the catalogue");
    assertThat(pages.get("README.md"))
        .contains("| [503](503.md) | Service Unavailable |")
        .contains("runbook_url", "Codes outside the registry", "8.1.3.2");
  }
}
