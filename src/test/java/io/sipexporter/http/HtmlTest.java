package io.sipexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void escapesAllSpecialCharacters() {
    assertThat(Html.escape("a<b>&\"c'")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;");
    assertThat(Html.escape("plain 437")).isEqualTo("plain 437");
  }
}
