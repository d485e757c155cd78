package io.sipexporter.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sipexporter.metrics.SipMeters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The SIP response-code knowledge base: every code of the IANA registry with its meaning, causes
 * and fixes, plus per-class guidance for codes outside the registry. Immutable; load it once.
 *
 * <pre>{@code
 * ResponseCodeCatalog catalog = ResponseCodeCatalog.load();
 * ResponseCode c = catalog.lookup(ResponseCodeCatalog.parseCode("437"));
 * System.out.println(c.title() + ": " + c.howToFix());
 * }</pre>
 */
public final class ResponseCodeCatalog {
  /** The classpath resource the catalogue is read from. */
  public static final String RESOURCE = "/catalog/sip-response-codes.yaml";

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
  private static final String RANGE = "SIP response codes are three digits from 100 to 699";

  private final Map<Integer, ResponseCode> codes;
  private final Map<CodeClass, ClassGuidance> classes;
  private final List<ResponseCode> registered;

  private ResponseCodeCatalog(
      Map<Integer, ResponseCode> codes, Map<CodeClass, ClassGuidance> classes) {
    this.codes = codes;
    this.classes = classes;
    this.registered = List.copyOf(codes.values());
  }

  /** Reads the catalogue bundled at {@link #RESOURCE}; fails loudly if it is missing or invalid. */
  public static ResponseCodeCatalog load() {
    try (InputStream in = ResponseCodeCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + RESOURCE);
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Reads a catalogue in the YAML format of {@link #RESOURCE}. */
  public static ResponseCodeCatalog read(InputStream yaml) throws IOException {
    CatalogFile file = new ObjectMapper(new YAMLFactory()).readValue(yaml, CatalogFile.class);
    Map<CodeClass, ClassGuidance> classes = new EnumMap<>(CodeClass.class);
    for (CatalogFile.ClassEntry e : file.classes()) {
      CodeClass cc = CodeClass.ofLabel(e.label());
      check(cc.displayName().equals(e.name()), cc.label() + " is named " + cc.displayName());
      ClassGuidance g =
          new ClassGuidance(
              cc,
              Severity.ofLabel(e.severity()),
              e.treatedAs(),
              text(e.outcome(), cc.label() + " outcome"),
              text(e.description(), cc.label() + " description"),
              text(e.when(), cc.label() + " when"),
              text(e.fix(), cc.label() + " fix"),
              triage(e.usedWhen(), e.checks(), e.ifYouSent(), e.ifYouReceived(), cc.label()));
      check(classes.put(cc, g) == null, "class " + cc.label() + " listed twice");
    }
    check(classes.size() == CodeClass.values().length, "every class needs guidance");

    Map<Integer, ResponseCode> codes = new TreeMap<>();
    for (CatalogFile.CodeEntry e : file.codes()) {
      String where = "code " + e.code();
      Severity severity = Severity.ofLabel(e.severity());
      ClassGuidance g = classes.get(CodeClass.of(e.code()));
      String outcome = g.outcome();
      if (e.outcome() != null) {
        outcome = text(e.outcome(), where + " outcome");
        check(
            !outcome.equals(g.outcome()),
            where + " outcome repeats its class's: drop the outcome item");
      }
      CatalogFile.AlertEntry alert = e.alert();
      if (alert != null) {
        check(
            !Severity.ofLabel(alert.severity()).equals(severity),
            where + " alert severity equals its severity: drop the alert item");
        text(alert.why(), where + " alert why");
      }
      ResponseCode c =
          new ResponseCode(
              e.code(),
              text(e.reason(), where + " reason"),
              text(e.rfc(), where + " rfc"),
              Objects.requireNonNullElse(e.aliases(), List.of()),
              CodeClass.of(e.code()),
              text(e.description(), where + " description"),
              outcome,
              e.inDialog() == null ? "" : text(e.inDialog(), where + " inDialog"),
              text(e.when(), where + " when"),
              text(e.fix(), where + " fix"),
              triage(e.usedWhen(), e.checks(), e.ifYouSent(), e.ifYouReceived(), where),
              Boolean.TRUE.equals(e.fixBySide()),
              severity,
              alert == null ? severity : Severity.ofLabel(alert.severity()),
              alert == null ? "" : alert.why().strip(),
              Objects.requireNonNullElse(e.related(), List.of()),
              inPractice(e, where),
              true);
      check(codes.put(c.code(), c) == null, where + " listed twice");
    }
    for (ResponseCode c : codes.values()) {
      for (int r : c.related()) {
        check(r != c.code() && codes.containsKey(r), "code " + c.code() + ": related " + r);
      }
    }
    for (ClassGuidance g : classes.values()) {
      check(
          codes.containsKey(g.treatedAs()), g.codeClass().label() + " treatedAs " + g.treatedAs());
    }
    return new ResponseCodeCatalog(Collections.unmodifiableMap(codes), classes);
  }

  /**
   * The entry for {@code code}: the registered one, or else one built from the guidance of its
   * class and marked unregistered (RFC 3261 8.1.3.2 handles unknown codes as the class's x00).
   *
   * @throws IllegalArgumentException if {@code code} is outside 100-699; use {@link #parseCode}
   *     first for user input
   */
  public ResponseCode lookup(int code) {
    ResponseCode known = codes.get(code);
    return known != null ? known : unregistered(code);
  }

  /** True when {@code code} is in the IANA registry. */
  public boolean isRegistered(int code) {
    return codes.containsKey(code);
  }

  /** The registered codes in ascending order. */
  public List<ResponseCode> registered() {
    return registered;
  }

  /** The catalogue's guidance for a class. */
  public ClassGuidance guidance(CodeClass codeClass) {
    return classes.get(codeClass);
  }

  /** The two codes side by side, for {@code compare}; both must be in 100-699. */
  public CodeComparison compare(int first, int second) {
    ResponseCode a = lookup(first);
    ResponseCode b = lookup(second);
    return new CodeComparison(a, b, guidance(a.codeClass()), guidance(b.codeClass()));
  }

  /**
   * The registered codes that use {@code phrase} as reason phrase, now or formerly, ignoring case:
   * both "Unsupported Certificate" and "Unsupported Credential" give 437. Some phrases belong to
   * two codes ("Not Acceptable" is 406 and 606), hence a list.
   */
  public List<ResponseCode> codesForPhrase(String phrase) {
    List<ResponseCode> found = new ArrayList<>();
    for (ResponseCode c : registered) {
      if (c.hasPhrase(phrase)) {
        found.add(c);
      }
    }
    return found;
  }

  /**
   * The entry for what a person typed: a code ({@code 480}), or a reason phrase, current or older,
   * matched as {@link ResponseCode#hasPhrase} does ({@code Temporarily not available}, RFC 3261
   * 25.1's phrase for 480, or {@code temporarily-unavailable}). Throws {@link
   * IllegalArgumentException} with a one-line message for a number outside 100-699, for text that
   * is no phrase of any code, and for a phrase two codes share ("Not Acceptable" is 406 and 606),
   * naming them.
   */
  public ResponseCode find(String codeOrPhrase) {
    String t = codeOrPhrase == null ? "" : codeOrPhrase.strip();
    if (t.isEmpty() || t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      return lookup(parseCode(t));
    }
    List<ResponseCode> found = codesForPhrase(t);
    if (found.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + t + "' is neither a response code nor a reason phrase: " + RANGE);
    }
    if (found.size() > 1) {
      List<String> titles = found.stream().map(ResponseCode::title).toList();
      throw new IllegalArgumentException(
          "'" + t + "' is the phrase of " + String.join(" and ", titles) + ": name the code");
    }
    return found.get(0);
  }

  /**
   * Turns what a person typed into a code, or throws {@link IllegalArgumentException} whose message
   * is one line naming the problem, e.g. {@code 'abc' is not a number: SIP response codes are three
   * digits from 100 to 699}.
   */
  public static int parseCode(String text) {
    String t = text == null ? "" : text.strip();
    if (!DIGITS.matcher(t).matches()) {
      throw new IllegalArgumentException("'" + t + "' is not a number: " + RANGE);
    }
    int code = Integer.parseInt(t);
    if (t.length() != 3 || code < 100 || code > 699) {
      throw new IllegalArgumentException("'" + t + "' is out of range: " + RANGE);
    }
    return code;
  }

  private ResponseCode unregistered(int code) {
    CodeClass cc = CodeClass.of(code);
    ClassGuidance g = classes.get(cc);
    ResponseCode as = codes.get(g.treatedAs());
    String rule =
        cc.isProvisional()
            ? "a client handles a provisional code it does not know (other than 100) as "
            : "a client handles a final code it does not know as the x00 code of its class, ";
    String description =
        code
            + " is not in the IANA registry. RFC 3261 8.1.3.2: "
            + rule
            + as.title()
            + ". "
            + g.description();
    return new ResponseCode(
        code,
        "",
        "",
        List.of(),
        cc,
        description,
        g.outcome(),
        "",
        g.whenSeen(),
        g.howToFix(),
        g.triage(),
        false,
        g.severity(),
        g.severity(),
        "",
        List.of(as.code()),
        InPractice.NONE,
        false);
  }

  /** A code's origin, platform notes and ISUP cause, each checked. */
  private static InPractice inPractice(CatalogFile.CodeEntry e, String where) {
    Optional<Origin> origin = Optional.empty();
    if (e.origin() != null) {
      CatalogFile.OriginEntry o = e.origin();
      check(o.evidence() != null && !o.evidence().isEmpty(), where + " origin evidence is empty");
      List<Evidence> evidence = new ArrayList<>();
      for (CatalogFile.EvidenceEntry ev : o.evidence()) {
        SipMeters metric = meter(ev.metric(), where);
        String query = text(ev.query(), where + " evidence query");
        check(
            query.contains(metric.prometheusName()),
            where + " evidence query does not read " + metric.prometheusName());
        evidence.add(new Evidence(metric, query, text(ev.shows(), where + " evidence shows")));
      }
      origin = Optional.of(new Origin(text(o.tell(), where + " origin tell"), evidence));
    }
    Map<Platform, PlatformNote> notes = new EnumMap<>(Platform.class);
    if (e.platforms() != null) {
      for (Map.Entry<String, String> p : e.platforms().entrySet()) {
        Platform platform;
        try {
          platform = Platform.ofKey(p.getKey());
        } catch (IllegalArgumentException bad) {
          throw new IllegalStateException(
              "invalid response-code catalogue: " + where + " " + bad.getMessage(), bad);
        }
        notes.put(
            platform, new PlatformNote(platform, text(p.getValue(), where + " " + p.getKey())));
      }
    }
    int isup = e.isup() == null ? 0 : e.isup();
    check(
        e.isup() == null || (isup >= 1 && isup <= 127),
        where + " isup " + isup + " is no Q.850 cause (1-127)");
    return new InPractice(origin, List.copyOf(notes.values()), isup);
  }

  private static SipMeters meter(String name, String where) {
    for (SipMeters m : SipMeters.values()) {
      if (m.prometheusName().equals(name)) {
        return m;
      }
    }
    throw new IllegalStateException(
        "invalid response-code catalogue: "
            + where
            + " evidence metric "
            + name
            + " is not one the exporter exports");
  }

  /** The triage fields of one entry, every one present and non-empty. */
  private static Triage triage(
      List<String> usedWhen,
      List<CatalogFile.CheckEntry> checks,
      String ifYouSent,
      String ifYouReceived,
      String where) {
    check(usedWhen != null && !usedWhen.isEmpty(), where + " usedWhen is empty");
    for (String situation : usedWhen) {
      text(situation, where + " usedWhen item");
    }
    check(checks != null && !checks.isEmpty(), where + " checks is empty");
    List<Check> steps = new ArrayList<>();
    for (CatalogFile.CheckEntry c : checks) {
      check(c != null, where + " checks has an empty item");
      String step = text(c.step(), where + " checks step");
      check(
          c.command() == null || !c.command().isBlank(),
          where + " checks: drop an empty command, or write one");
      steps.add(new Check(step, c.command()));
    }
    return new Triage(
        usedWhen,
        steps,
        text(ifYouSent, where + " ifYouSent"),
        text(ifYouReceived, where + " ifYouReceived"));
  }

  private static String text(String value, String what) {
    check(value != null && !value.isBlank(), what + " is empty");
    return value.strip();
  }

  private static void check(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalStateException("invalid response-code catalogue: " + problem);
    }
  }
}
