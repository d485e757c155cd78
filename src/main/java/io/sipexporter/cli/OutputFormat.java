package io.sipexporter.cli;

import io.sipexporter.catalog.CatalogJson;
import io.sipexporter.catalog.CodeComparison;
import io.sipexporter.catalog.CodeMarkdown;
import io.sipexporter.catalog.CodeText;
import io.sipexporter.catalog.ResponseCode;
import io.sipexporter.catalog.ResponseCodeCatalog;
import java.util.Locale;
import picocli.CommandLine;

/** The {@code --format} of {@code explain} and {@code compare}: text, markdown or json. */
public enum OutputFormat {
  TEXT {
    @Override
    String explain(ResponseCodeCatalog catalog, ResponseCode code) {
      return CodeText.explain(catalog, code);
    }

    @Override
    String compare(ResponseCodeCatalog catalog, CodeComparison cmp) {
      return CodeText.compare(catalog, cmp);
    }
  },
  MARKDOWN {
    @Override
    String explain(ResponseCodeCatalog catalog, ResponseCode code) {
      return CodeMarkdown.explain(catalog, code, c -> null);
    }

    @Override
    String compare(ResponseCodeCatalog catalog, CodeComparison cmp) {
      return CodeMarkdown.compare(catalog, cmp);
    }
  },
  JSON {
    @Override
    String explain(ResponseCodeCatalog catalog, ResponseCode code) {
      return CatalogJson.code(catalog, code);
    }

    @Override
    String compare(ResponseCodeCatalog catalog, CodeComparison cmp) {
      return CatalogJson.compare(catalog, cmp);
    }
  };

  abstract String explain(ResponseCodeCatalog catalog, ResponseCode code);

  abstract String compare(ResponseCodeCatalog catalog, CodeComparison cmp);

  /** Reads {@code text}, {@code markdown} or {@code json}, ignoring case. */
  static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a format: use text, markdown or json");
      }
    }
  }

  /** The values listed in {@code --help}. */
  static final class Names extends java.util.ArrayList<String> {
    Names() {
      super(java.util.List.of("text", "markdown", "json"));
    }
  }
}
