package io.sipexporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the README and the documents under {@code docs/} and {@code alerts/}
 * lands: the file exists and, where the link names a heading, the heading does (GitHub's anchors).
 * Moving a section out of the README cannot leave a dead link behind.
 */
class DocsLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);

  @Test
  void everyRelativeLinkLandsOnAFileAndHeading() throws IOException {
    List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
    for (String dir : List.of("docs", "alerts")) {
      try (Stream<Path> files = Files.walk(Path.of(dir))) {
        files
            .filter(f -> f.toString().endsWith(".md"))
            .filter(f -> !f.startsWith(Path.of("docs", "codes"))) // generated, RunbookFilesTest
            .forEach(documents::add);
      }
    }
    List<String> dead = new ArrayList<>();
    int checked = 0;
    for (Path document : documents) {
      String text = withoutCode(Files.readString(document));
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String link = m.group(1);
        if (link.matches("^[a-z]+:.*") || link.startsWith("{{")) {
          continue; // http:, https:, mailto:, a template
        }
        checked++;
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        Path target = file.isEmpty() ? document : document.resolveSibling(file).normalize();
        if (!Files.exists(target)) {
          dead.add(document + ": " + link + " (no file " + target + ")");
        } else if (hash >= 0 && target.toString().endsWith(".md")) {
          String anchor = link.substring(hash + 1);
          if (!anchors(target).contains(anchor)) {
            dead.add(document + ": " + link + " (no heading #" + anchor + " in " + target + ")");
          }
        }
      }
    }
    assertThat(dead).as("dead relative links").isEmpty();
    assertThat(checked).as("relative links checked").isGreaterThan(20);
  }

  /** GitHub's heading anchors: lower case, punctuation but - and _ dropped, spaces to -. */
  private static Set<String> anchors(Path markdown) {
    try {
      Set<String> anchors = new HashSet<>();
      Matcher m = HEADING.matcher(withoutCode(Files.readString(markdown)));
      while (m.find()) {
        String slug =
            m.group(1)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
        String unique = slug;
        for (int n = 1; !anchors.add(unique); n++) {
          unique = slug + "-" + n;
        }
      }
      // explicit HTML anchors, e.g. <a id="..."></a>
      Matcher ids =
          Pattern.compile("<a (?:id|name)=\"([^\"]+)\"").matcher(Files.readString(markdown));
      while (ids.find()) {
        anchors.add(ids.group(1));
      }
      return anchors;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text without fenced code blocks, where brackets and hashes are code, not links. */
  private static String withoutCode(String markdown) {
    return markdown.replaceAll("(?ms)^```.*?^```", "");
  }
}
