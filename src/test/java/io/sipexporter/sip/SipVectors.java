package io.sipexporter.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads the byte-exact vectors of {@code src/test/resources/sip} and their expectations. */
public final class SipVectors {
  private SipVectors() {}

  /** One row of {@code sip/expected.csv}: a vector file and what scanning it must yield. */
  public record Vector(String file, String[] expected) {
    public byte[] bytes() {
      return read("/sip/" + file);
    }

    public ScanResult result() {
      return ScanResult.valueOf(expected[1]);
    }

    /** Column {@code i} of the row, or "" when absent. */
    public String column(int i) {
      return i < expected.length ? expected[i].trim() : "";
    }

    @Override
    public String toString() {
      return file;
    }
  }

  /** Every row of {@code sip/expected.csv}. */
  public static List<Vector> all() {
    List<Vector> out = new ArrayList<>();
    for (String line : new String(read("/sip/expected.csv"), StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] cells = line.split(",", -1);
        out.add(new Vector(cells[0].trim(), cells));
      }
    }
    return out;
  }

  static byte[] read(String resource) {
    try (InputStream in = SipVectors.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
