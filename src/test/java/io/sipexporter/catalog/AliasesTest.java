package io.sipexporter.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 17 item 6: every older phrase of a code resolves to it. RFC 3261 names each code twice, in
 * section 21 and in the grammar of 25.1, and for 414, 480, 481, 500 and 505 the two differ; the
 * IANA registry notes the phrases RFC 3265 and RFC 4474 used before their codes were renamed.
 */
class AliasesTest {
  private static final ResponseCodeCatalog CATALOG = ResponseCodeCatalog.load();

  /** The Status-Code rule of RFC 3261 25.1, phrase by phrase as the grammar's comments give it. */
  private static final Map<Integer, String> RFC3261_25_1 = new LinkedHashMap<>();

  static {
    String[] rows = {
      "100 Trying",
      "180 Ringing",
      "181 Call Is Being Forwarded",
      "182 Queued",
      "183 Session Progress",
      "200 OK",
      "300 Multiple Choices",
      "301 Moved Permanently",
      "302 Moved Temporarily",
      "305 Use Proxy",
      "380 Alternative Service",
      "400 Bad Request",
      "401 Unauthorized",
      "402 Payment Required",
      "403 Forbidden",
      "404 Not Found",
      "405 Method Not Allowed",
      "406 Not Acceptable",
      "407 Proxy Authentication Required",
      "408 Request Timeout",
      "410 Gone",
      "413 Request Entity Too Large",
      "414 Request-URI Too Large",
      "415 Unsupported Media Type",
      "416 Unsupported URI Scheme",
      "420 Bad Extension",
      "421 Extension Required",
      "423 Interval Too Brief",
      "480 Temporarily not available",
      "481 Call Leg/Transaction Does Not Exist",
      "482 Loop Detected",
      "483 Too Many Hops",
      "484 Address Incomplete",
      "485 Ambiguous",
      "486 Busy Here",
      "487 Request Terminated",
      "488 Not Acceptable Here",
      "491 Request Pending",
      "493 Undecipherable",
      "500 Internal Server Error",
      "501 Not Implemented",
      "502 Bad Gateway",
      "503 Service Unavailable",
      "504 Server Time-out",
      "505 SIP Version not supported",
      "513 Message Too Large",
      "600 Busy Everywhere",
      "603 Decline",
      "604 Does not exist anywhere",
      "606 Not Acceptable"
    };
    for (String row : rows) {
      RFC3261_25_1.put(Integer.parseInt(row.substring(0, 3)), row.substring(4));
    }
  }

  @Test
  void everyPhraseOfRfc3261Section25_1FindsItsCode() {
    assertThat(RFC3261_25_1).hasSize(50);
    for (Map.Entry<Integer, String> e : RFC3261_25_1.entrySet()) {
      assertThat(CATALOG.codesForPhrase(e.getValue()))
          .as("'%s'", e.getValue())
          .extracting(ResponseCode::code)
          .contains(e.getKey());
      if (!e.getValue().equals("Not Acceptable")) {
        assertThat(CATALOG.find(e.getValue()).code())
            .as("'%s'", e.getValue())
            .isEqualTo(e.getKey());
      }
    }
  }

  @Test
  void theFourPhrasesSection25_1GivesOtherwiseAreAliases() {
    assertThat(CATALOG.lookup(414).aliases()).containsExactly("Request-URI Too Large");
    assertThat(CATALOG.lookup(480).aliases()).containsExactly("Temporarily not available");
    assertThat(CATALOG.lookup(500).aliases()).containsExactly("Internal Server Error");
    assertThat(CATALOG.lookup(505).aliases()).containsExactly("SIP Version not supported");
    assertThat(CATALOG.lookup(481).aliases())
        .containsExactly("Call Leg/Transaction Does Not Exist");
    // 604 differs only in case, which phrase matching ignores: no alias needed
    assertThat(CATALOG.lookup(604).aliases()).isEmpty();
    assertThat(CATALOG.find("Does not exist anywhere").code()).isEqualTo(604);
  }

  @ParameterizedTest
  @CsvSource({
    "Accepted, 202",
    "Bad Identity-Info, 436",
    "Unsupported Certificate, 437",
    "Call Leg/Transaction Does Not Exist, 481"
  })
  void everyRenamedPhraseFindsItsCode(String phrase, int code) {
    assertThat(CATALOG.find(phrase).code()).isEqualTo(code);
    assertThat(CATALOG.lookup(code).aliases()).contains(phrase);
  }

  @ParameterizedTest
  @CsvSource({
    "480, 480",
    "' 437 ', 437",
    "Temporarily not available, 480",
    "temporarily-not-available, 480",
    "TEMPORARILY_UNAVAILABLE, 480",
    "internal server error, 500",
    "Request URI Too Large, 414",
    "sip version not supported, 505",
    "Server Time-out, 504"
  })
  void findTakesACodeOrAPhraseInAnyCaseWithHyphensOrUnderscores(String typed, int code) {
    assertThat(CATALOG.find(typed).code()).isEqualTo(code);
  }

  @Test
  void findExplainsWhatItCannotResolveInOneLine() {
    assertThatThrownBy(() -> CATALOG.find("abc"))
        .hasMessage(
            "'abc' is neither a response code nor a reason phrase: SIP response codes are three"
                + " digits from 100 to 699");
    assertThatThrownBy(() -> CATALOG.find("Not Acceptable"))
        .hasMessage(
            "'Not Acceptable' is the phrase of 406 Not Acceptable and 606 Not Acceptable:"
                + " name the code");
    assertThatThrownBy(() -> CATALOG.find("700")).hasMessageStartingWith("'700' is out of range");
    assertThatThrownBy(() -> CATALOG.find("")).hasMessageStartingWith("'' is not a number");
    // a code outside the registry is still found by number, as its class
    assertThat(CATALOG.find("499").registered()).isFalse();
  }
}
