package io.sipexporter.sip;

/**
 * Reads the reason values of a message's Reason headers one at a time, without allocating: one
 * instance per {@link SipMessage}, restarted by {@link SipMessage#reasons()}.
 *
 * <pre>{@code
 * ReasonParser reasons = msg.reasons();
 * while (reasons.next()) {
 *   if (reasons.error() == null) {
 *     count(reasons.protocol(), reasons.cause()); // Q850, 16
 *   }
 * }
 * }</pre>
 */
public final class ReasonParser {
  private static final LowerWord CAUSE = LowerWord.of("cause");
  private static final LowerWord CAUSE_EQUALS = LowerWord.of("cause=");
  private static final LowerWord SIP_SEMI = LowerWord.of("sip;");
  private static final LowerWord Q850_SEMI = LowerWord.of("q.850;");
  private static final LowerWord STIR_SEMI = LowerWord.of("stir;");
  private static final long SEMI = SipChars.every(';');
  private static final long COMMA = SipChars.every(',');
  private static final long QUOTE = SipChars.every('"');

  private final SipMessage msg;
  private final boolean shortcut;
  private int header;
  private int pos = -1; // where the next reason value starts, -1 at the end of a header
  private int end;
  private ReasonProtocol protocol = ReasonProtocol.OTHER;
  private int cause;
  private ReasonError error;

  ReasonParser(SipMessage msg) {
    this(msg, true);
  }

  /** A parser that reads every value the general way when {@code shortcut} is false (tests). */
  ReasonParser(SipMessage msg, boolean shortcut) {
    this.msg = msg;
    this.shortcut = shortcut;
  }

  void restart() {
    header = -1;
    pos = -1;
  }

  /** Moves to the next reason value; false when there is none left. */
  public boolean next() {
    while (pos < 0) {
      if (++header >= msg.reasonHeaders) {
        return false;
      }
      pos = msg.reasonBounds[2 * header];
      end = msg.reasonBounds[2 * header + 1];
    }
    if (!shortcut || !usual(msg.buffer, pos, end)) {
      value(msg.buffer, pos, end);
    }
    return true;
  }

  /** The protocol of the current value ({@link ReasonProtocol#OTHER} when it is malformed). */
  public ReasonProtocol protocol() {
    return protocol;
  }

  /**
   * The cause of the current value, when {@link #error()} is null: its decimal value, {@link
   * Integer#MAX_VALUE} for any larger one.
   */
  public int cause() {
    return cause;
  }

  /** Why the current value cannot be counted, or null when it can. */
  public ReasonError error() {
    return error;
  }

  /**
   * The usual value, read in two words: {@code SIP;cause=N}, {@code Q.850;cause=N} or {@code
   * STIR;cause=N} with no whitespace inside, any parameters after the cause and no COMMA after it
   * (the header's last value). False, having set nothing, for anything else: {@link #value} reads
   * it, to the same result.
   */
  private boolean usual(byte[] buf, int p, int to) {
    p = SipChars.skipLws(buf, p, to);
    long w = SipChars.word(buf, p);
    ReasonProtocol usualProtocol;
    int semi;
    if (Q850_SEMI.prefixOf(w)) {
      usualProtocol = ReasonProtocol.Q850;
      semi = p + 5;
    } else if (SIP_SEMI.prefixOf(w)) {
      usualProtocol = ReasonProtocol.SIP;
      semi = p + 3;
    } else if (STIR_SEMI.prefixOf(w)) {
      usualProtocol = ReasonProtocol.STIR;
      semi = p + 4;
    } else {
      return false;
    }
    int v = semi + 7;
    if (v >= to || !CAUSE_EQUALS.prefixOf(SipChars.word(buf, semi + 1))) {
      return false;
    }
    int ve = v;
    int value = 0;
    int d;
    while (ve < to && ve - v < 9 && (d = buf[ve] - '0') >= 0 && d <= 9) {
      value = value * 10 + d;
      ve++;
    }
    if (ve == v
        || (ve < to && SipChars.isToken(buf[ve]))
        || SipChars.contains(buf, ve, to, COMMA)) {
      return false; // no digits, more than nine, a token after them, or another value may follow
    }
    protocol = usualProtocol;
    cause = value;
    error = null;
    pos = -1;
    return true;
  }

  /**
   * RFC 3326 2: reason-value = protocol *(SEMI reason-params), protocol-cause = "cause" EQUAL
   * cause, cause = 1*DIGIT; reason-text is a quoted-string that may hold ';' and ','. The first
   * cause counts. Reads buf[p, to) up to the COMMA that ends this value (RFC 3261 7.3.1).
   */
  private void value(byte[] buf, int p, int to) {
    p = SipChars.skipLws(buf, p, to);
    int t = p;
    while (t < to && SipChars.isToken(buf[t])) {
      t++;
    }
    int afterToken = SipChars.skipLws(buf, t, to);
    boolean noProtocol = t == p || (afterToken < to && buf[afterToken] == '=');
    protocol = noProtocol ? ReasonProtocol.OTHER : ReasonProtocol.match(buf, p, t - p);
    cause = -1; // -1 no cause yet, -2 a cause that is not 1*DIGIT
    int q = t;
    if (t + 7 < to && buf[t] == ';' && CAUSE_EQUALS.prefixOf(SipChars.word(buf, t + 1))) {
      q = causeDigits(buf, t + 7, to); // the usual shape, "Q.850;cause=16", read at once
    }
    // once the cause is read, only a quoted string or the COMMA ending the value matter
    while ((q = SipChars.indexOfAny(buf, q, to, cause == -1 ? SEMI : COMMA, COMMA, QUOTE)) < to
        && buf[q] != ',') {
      q = buf[q] == '"' ? SipChars.skipQuoted(buf, q + 1, to) : param(buf, q + 1, to);
    }
    pos = q < to ? q + 1 : -1;
    error =
        noProtocol
            ? ReasonError.MISSING_PROTOCOL
            : cause == -1 ? ReasonError.MISSING_CAUSE : cause == -2 ? ReasonError.BAD_CAUSE : null;
  }

  /**
   * The digits at buf[v] up to a byte that is not a token byte: sets the cause and returns where
   * they end, or leaves it unset and returns {@code v} for the general path to read.
   */
  private int causeDigits(byte[] buf, int v, int to) {
    int ve = v;
    while (ve < to && buf[ve] >= '0' && buf[ve] <= '9') {
      ve++;
    }
    if (ve == v || (ve < to && SipChars.isToken(buf[ve]))) {
      return v - 7; // not 1*DIGIT alone: the general path reads the parameter again
    }
    cause = decimal(buf, v, ve);
    return ve;
  }

  /** Reads the parameter at buf[p] (after its ';'); returns where reading goes on. */
  private int param(byte[] buf, int p, int to) {
    int n = SipChars.skipLws(buf, p, to);
    int ne = n;
    while (ne < to && SipChars.isToken(buf[ne])) {
      ne++;
    }
    if (ne - n != CAUSE.length() || !CAUSE.prefixOf(SipChars.word(buf, n)) || cause != -1) {
      return ne;
    }
    int eq = SipChars.skipLws(buf, ne, to);
    if (eq == to || buf[eq] != '=') {
      cause = -2;
      return eq;
    }
    int v = SipChars.skipLws(buf, eq + 1, to);
    int ve = v;
    while (ve < to && SipChars.isToken(buf[ve])) {
      ve++;
    }
    cause = decimal(buf, v, ve);
    return ve;
  }

  /** The 1*DIGIT at buf[from, to), saturating at Integer.MAX_VALUE, or -2 when it is not one. */
  private static int decimal(byte[] buf, int from, int to) {
    if (from == to) {
      return -2;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int d = buf[i] - '0';
      if (d < 0 || d > 9) {
        return -2;
      }
      value = Math.min(value * 10 + d, Integer.MAX_VALUE);
    }
    return (int) value;
  }
}
