package io.sipexporter.hep;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Loads a readable hex test vector: hex pairs, whitespace ignored, {@code #} comments to EOL. */
public final class HexVector {
  private HexVector() {}

  /** The bytes of classpath resource {@code name}, e.g. {@code hep/hep3-ipv4-sip.hex}. */
  public static byte[] load(String name) {
    try (InputStream in = HexVector.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test vector " + name);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Strips comments and whitespace from {@code text} and decodes the remaining hex. */
  public static byte[] parse(String text) {
    StringBuilder hex = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      int hash = line.indexOf('#');
      hex.append((hash < 0 ? line : line.substring(0, hash)).replaceAll("\\s", ""));
    }
    return HexFormat.of().parseHex(hex);
  }
}
