package io.sipexporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layers, read from the compiled classes with {@code jdeps}: no package reaches one
 * that reaches back, each imports exactly the packages its {@code package-info.java} names, and
 * {@code docs/architecture.md} describes every package there is.
 */
class ArchitectureTest {
  private static final String PREFIX = "io.sipexporter";
  private static final String ROOT = "(root)";
  private static final Path CLASSES = Path.of("target/classes");
  private static final Path SOURCES = Path.of("src/main/java/io/sipexporter");
  private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)");
  private static final Pattern IMPORTS = Pattern.compile("Imports: ([^.]*)\\.");
  private static final Pattern DOC_ROW = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

  private static Map<String, Set<String>> imports;

  @BeforeAll
  static void readClasses() {
    imports = packageImports(CLASSES);
  }

  @Test
  void noPackageReachesOneThatReachesBack() {
    assertThat(cycles(imports)).as("package cycles (jdeps -verbose:package %s)", CLASSES).isEmpty();
  }

  @Test
  void everyPackageImportsWhatItsPackageInfoSays() throws IOException {
    assertThat(imports.keySet()).containsAll(List.of(ROOT, "core", "sip", "cli"));
    for (String pkg : sourcePackages()) {
      assertThat(imports.getOrDefault(pkg, Set.of()))
          .as("packages %s imports (jdeps) against the Imports: line of its package-info.java", pkg)
          .isEqualTo(declaredImports(pkg));
    }
  }

  @Test
  void theBottomPackageImportsNothingOfOurs() throws IOException {
    assertThat(declaredImports("core")).isEmpty();
    assertThat(imports.getOrDefault("core", Set.of())).isEmpty();
  }

  @Test
  void onlyTheCommandLineReachesTheCommandLine() {
    imports.forEach((pkg, targets) -> assertThat(targets).as(pkg).doesNotContain("cli"));
  }

  @Test
  void architectureDocDescribesEveryPackage() throws IOException {
    String doc = Files.readString(Path.of("docs/architecture.md"));
    Set<String> rows = new TreeSet<>();
    Matcher m = DOC_ROW.matcher(doc);
    while (m.find()) {
      rows.add(m.group(1));
    }
    assertThat(rows).as("package rows of docs/architecture.md").isEqualTo(sourcePackages());
    for (String pkg : sourcePackages()) {
      String row = doc.lines().filter(l -> l.startsWith("| `" + pkg + "` |")).findFirst().get();
      assertThat(row)
          .as("the imports column of %s in docs/architecture.md", pkg)
          .endsWith("| " + String.join(", ", declaredImportsOrNothing(pkg)) + " |");
    }
  }

  /** Package short names ({@code core}, {@code (root)}) and the ones each depends on. */
  static Map<String, Set<String>> packageImports(Path classes) {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc =
        jdeps.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "-verbose:package",
            "-filter:none",
            classes.toString());
    assertThat(rc).as("jdeps: %s", err).isZero();
    Map<String, Set<String>> graph = new TreeMap<>();
    out.toString()
        .lines()
        .map(EDGE::matcher)
        .filter(Matcher::find)
        .filter(m -> m.group(1).startsWith(PREFIX) && m.group(2).startsWith(PREFIX))
        .forEach(
            m -> {
              String from = shortName(m.group(1));
              String to = shortName(m.group(2));
              Set<String> targets = graph.computeIfAbsent(from, k -> new TreeSet<>());
              if (!from.equals(to)) {
                targets.add(to);
              }
            });
    return graph;
  }

  /** Each package that reaches itself, with the path that proves it ({@code a -> b -> a}). */
  static List<String> cycles(Map<String, Set<String>> graph) {
    List<String> found = new ArrayList<>();
    for (String start : graph.keySet()) {
      Map<String, String> parent = new TreeMap<>();
      Deque<String> todo = new ArrayDeque<>(List.of(start));
      while (!todo.isEmpty()) {
        String at = todo.poll();
        for (String next : graph.getOrDefault(at, Set.of())) {
          if (next.equals(start)) {
            List<String> path = new ArrayList<>();
            for (String p = at; p != null; p = parent.get(p)) {
              path.add(0, p);
            }
            found.add(String.join(" -> ", path) + " -> " + start);
            todo.clear();
            break;
          }
          if (!parent.containsKey(next) && !next.equals(start)) {
            parent.put(next, at);
            todo.add(next);
          }
        }
      }
    }
    return found;
  }

  private static String shortName(String pkg) {
    return pkg.equals(PREFIX) ? ROOT : pkg.substring(PREFIX.length() + 1);
  }

  /** Every package with sources: the root and each directory under it. */
  private static Set<String> sourcePackages() throws IOException {
    try (Stream<Path> dirs = Files.walk(SOURCES)) {
      return dirs.filter(Files::isDirectory)
          .map(d -> SOURCES.relativize(d).toString().replace('/', '.'))
          .map(p -> p.isEmpty() ? ROOT : p)
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Path packageDir(String pkg) {
    return pkg.equals(ROOT) ? SOURCES : SOURCES.resolve(pkg.replace('.', '/'));
  }

  /** The packages named on the {@code Imports:} line of the package's Javadoc. */
  static Set<String> declaredImports(String pkg) throws IOException {
    Path info = packageDir(pkg).resolve("package-info.java");
    assertThat(info).as("every package has a package-info.java").exists();
    String javadoc =
        Files.readString(info)
            .lines()
            .map(l -> l.replaceFirst("^\\s*/?\\*+/?\\s?", ""))
            .collect(Collectors.joining(" "));
    Matcher m = IMPORTS.matcher(javadoc);
    assertThat(m.find()).as("%s says what it imports (Imports: a, b.)", info).isTrue();
    String list = m.group(1).trim();
    if (list.equals("nothing of ours")) {
      return Set.of();
    }
    return Arrays.stream(list.split(",\\s*")).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> declaredImportsOrNothing(String pkg) throws IOException {
    Set<String> declared = declaredImports(pkg);
    return declared.isEmpty() ? Set.of("nothing of ours") : declared;
  }
}
