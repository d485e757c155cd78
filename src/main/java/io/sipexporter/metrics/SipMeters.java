package io.sipexporter.metrics;

import java.util.List;

/**
 * The catalogue of every metric the exporter exposes: name, type, unit, label keys and help. The
 * README's metrics table, the dashboards and the alert rules are checked against it.
 */
public enum SipMeters {
  RESPONSES(
      "sip.responses",
      Type.COUNTER,
      "",
      "SIP responses seen, by the CSeq method they answer, status code and class; with --peers.file by peer and direction too (in: the peer answered, out: we answered the peer).",
      "method",
      "code",
      "class"),
  REQUESTS(
      "sip.requests",
      Type.COUNTER,
      "",
      "SIP requests seen, by method; with --peers.file by peer and direction too (in: the peer sent it, out: sent to the peer).",
      "method"),
  REASON_CAUSES(
      "sip.reason.causes",
      Type.COUNTER,
      "",
      "Reason header values (RFC 3326) seen on requests and responses, by the request or CSeq method, protocol (SIP, Q.850, STIR, other) and cause: a Q.850 cause 1-127 or a SIP/STIR code as its number, an unregistered code as its class when sip_responses_total folds it, anything else other.",
      "method",
      "protocol",
      "cause"),
  REASONS_MALFORMED(
      "sip.exporter.reasons.malformed",
      Type.COUNTER,
      "",
      "Reason header values that could not be counted (missing_protocol, missing_cause, bad_cause, too_many_headers), by input and reason; the message itself is counted.",
      "input",
      "reason"),
  RESPONSES_FOLDED(
      "sip.exporter.responses.folded",
      Type.COUNTER,
      "",
      "Responses with an unregistered status code counted under code=\"<class>xx\" because --metrics.max-unregistered-codes other codes already have their own value, by that class.",
      "class"),
  PEERS(
      "sip.exporter.peers",
      Type.GAUGE,
      "",
      "Peers in the running --peers.file (0 without one); a reload to an invalid file keeps the last good ones."),
  SERIES_BUDGET_USED(
      "sip.exporter.series.budget.used",
      Type.GAUGE,
      "",
      "Series with a node or peer label created so far, out of --metrics.series-budget (a histogram counts as its bucket lines)."),
  SERIES_BUDGET_LIMIT(
      "sip.exporter.series.budget.limit",
      Type.GAUGE,
      "",
      "--metrics.series-budget: how many series with a node or peer label may be created before new ones fold into node=\"other\" / peer=\"other\"."),
  SERIES_FOLDED(
      "sip.exporter.series.folded",
      Type.COUNTER,
      "",
      "Series that would have carried their own node or peer value but were counted under \"other\" because --metrics.series-budget was spent, by metric; metric=\"label_set\" counts new node/peer/direction combinations that met a spent budget before they had any series.",
      "metric"),
  MESSAGES_DROPPED(
      "sip.exporter.messages.dropped",
      Type.COUNTER,
      "",
      "Datagrams and TCP connections dropped unread, by input and reason: source_not_allowed when the sender is outside --sip.allowed-sources or --hep.allowed-sources.",
      "input",
      "reason"),
  MESSAGES_RECEIVED(
      "sip.exporter.messages.received",
      Type.COUNTER,
      "",
      "Datagrams and framed TCP messages (sip), HEP packets (hep), captured packets (pcap) received, by input and transport.",
      "input",
      "transport"),
  PARSE_ERRORS(
      "sip.exporter.parse.errors",
      Type.COUNTER,
      "",
      "Messages that could not be read, by input and reason.",
      "input",
      "reason"),
  HEP_PAYLOADS(
      "sip.exporter.hep.payloads",
      Type.COUNTER,
      "",
      "HEP packets decoded, by payload type (sip, rtcp, log, other); only sip is counted as SIP.",
      "type"),
  CLOCK_SKEW(
      "sip.exporter.clock.skew",
      Type.COUNTER,
      "",
      "Messages whose HEP or capture timestamp was farther than --transactions.max-clock-skew from the receive time (in a replay, the capture's running clock), so timed by that instead; still counted by code.",
      "input"),
  UDP_RECEIVE_DROPS(
      "sip.exporter.udp.receive.drops",
      Type.COUNTER,
      "",
      "Datagrams the kernel dropped on the exporter's UDP sockets because the receive buffer was full.",
      "input"),
  LIMITS_REACHED(
      "sip.exporter.limits.reached",
      Type.COUNTER,
      "",
      "Times a protective limit closed or refused a connection, by input and limit.",
      "input",
      "limit"),
  TCP_CONNECTIONS(
      "sip.exporter.tcp.connections",
      Type.GAUGE,
      "",
      "TCP connections currently open to the exporter's listeners, by input.",
      "input"),
  CONFIG_LAST_RELOAD_SUCCESSFUL(
      "sip.exporter.config.last.reload.successful",
      Type.GAUGE,
      "",
      "1 when the last reload of a config file (web, peers) succeeded, 0 when it was invalid or would have weakened a security setting and the running config was kept.",
      "config"),
  CONFIG_LAST_RELOAD_SUCCESS_TIMESTAMP(
      "sip.exporter.config.last.reload.success.timestamp",
      Type.GAUGE,
      "seconds",
      "When a config file (web, peers) was last loaded successfully, at start or reload, in Unix seconds.",
      "config"),
  TLS_CERTIFICATE_EXPIRY(
      "sip.exporter.tls.certificate.expiry.timestamp",
      Type.GAUGE,
      "seconds",
      "When the server certificate in use expires (its notAfter), in Unix seconds, by config file (web).",
      "config"),
  BUILD_INFO(
      "sip.exporter.build.info",
      Type.GAUGE,
      "",
      "Always 1; the labels carry the exporter's version and git revision.",
      "version",
      "revision"),
  RESPONSE_CODE_INFO(
      "sip.response.code.info",
      Type.GAUGE,
      "",
      "Always 1 per IANA-registered SIP response code; join on code for reason phrases.",
      "code",
      "reason",
      "class"),
  TRANSACTIONS(
      "sip.transactions",
      Type.COUNTER,
      "",
      "SIP transactions, counted once at their first final response, by method, code and class; with --peers.file by peer and direction too (in: the peer answered, out: we answered the peer).",
      "method",
      "code",
      "class"),
  TRANSACTION_DURATION(
      "sip.transaction.duration",
      Type.HISTOGRAM,
      "seconds",
      "Time from a request to its first final response, by method and response class; with --peers.file by peer and direction too (in: the peer answered).",
      "method",
      "class"),
  INVITE_POST_DIAL_DELAY(
      "sip.invite.post.dial.delay",
      Type.HISTOGRAM,
      "seconds",
      "Time from an INVITE to its first 180 or 183, or to its final response when none came; with --peers.file by peer and direction too (in: the peer answered)."),
  TRANSACTIONS_TIMED_OUT(
      "sip.transactions.timed.out",
      Type.COUNTER,
      "",
      "Transactions without a final response within their timer (64*T1; Timer C once an INVITE got a provisional), by method; with --peers.file by peer and direction too (in: the peer should have answered).",
      "method"),
  RETRANSMISSIONS(
      "sip.retransmissions",
      Type.COUNTER,
      "",
      "Requests seen again while their transaction was tracked, and final responses seen again, by method and type.",
      "method",
      "type"),
  UNMATCHED_RESPONSES(
      "sip.exporter.unmatched.responses",
      Type.COUNTER,
      "",
      "Responses whose request was not seen (or no longer tracked), by the CSeq method: a partial mirror shows here.",
      "method"),
  TRANSACTIONS_REORDERED(
      "sip.exporter.transactions.reordered",
      Type.COUNTER,
      "",
      "Transactions whose request was seen after one of their responses, within the reorder window, by method; when it was the final, the transaction has no duration sample.",
      "method"),
  HELD_RESPONSES_EVICTED(
      "sip.exporter.held.responses.evicted",
      Type.COUNTER,
      "",
      "Responses held for a late request dropped from a full table before the reorder window ended; they count as unmatched at once."),
  TRANSACTIONS_EVICTED(
      "sip.exporter.transactions.evicted",
      Type.COUNTER,
      "",
      "Transactions dropped from a full table before their timer ran out."),
  TRANSACTIONS_TRACKED(
      "sip.exporter.transactions.tracked",
      Type.GAUGE,
      "",
      "Transactions held in the tables: open ones, and completed ones kept 64*T1 to absorb retransmissions."),
  CALLS_ACTIVE(
      "sip.calls.active",
      Type.GAUGE,
      "",
      "Calls answered (2xx to the dialog-creating INVITE) and not yet ended."),
  CALL_DURATION(
      "sip.call.duration", Type.HISTOGRAM, "seconds", "Time from a call's answer to its BYE."),
  CALLS_ENDED(
      "sip.calls.ended",
      Type.COUNTER,
      "",
      "Answered calls ended, by who sent the BYE (caller or callee), or timeout when none came within the maximum call duration.",
      "by"),
  CALLS_EVICTED(
      "sip.exporter.calls.evicted",
      Type.COUNTER,
      "",
      "Calls and call attempts dropped from a full table before they ended."),
  CALLS_TRACKED(
      "sip.exporter.calls.tracked", Type.GAUGE, "", "Calls and call attempts held in the tables.");

  /**
   * The label {@code --hep.nodes} adds to {@link #RESPONSES} and {@link #REQUESTS}: the HEP capture
   * agent id; absent without the flag.
   */
  public static final String NODE_LABEL = "node";

  /** The label {@code --peers.file} adds: the peer whose addresses sent or received the message. */
  public static final String PEER_LABEL = "peer";

  /** The label {@code --peers.file} adds beside {@link #PEER_LABEL}: {@code in}, {@code out}. */
  public static final String DIRECTION_LABEL = "direction";

  /** The Micrometer meter type. */
  public enum Type {
    COUNTER,
    GAUGE,
    HISTOGRAM
  }

  private final String name;
  private final Type type;
  private final String baseUnit;
  private final String help;

  // List.of: unmodifiable, though its type does not say so
  @SuppressWarnings("ImmutableEnumChecker")
  private final List<String> labelKeys;

  SipMeters(String name, Type type, String baseUnit, String help, String... labelKeys) {
    this.name = name;
    this.type = type;
    this.baseUnit = baseUnit;
    this.help = help;
    this.labelKeys = List.of(labelKeys);
  }

  /** The Micrometer (dotted) name. */
  public String meterName() {
    return name;
  }

  /** The name Prometheus sees: underscores, plus {@code _total} on counters. */
  public String prometheusName() {
    String base = name.replace('.', '_') + (baseUnit.isEmpty() ? "" : "_" + baseUnit);
    return type == Type.COUNTER ? base + "_total" : base;
  }

  public Type type() {
    return type;
  }

  public String baseUnit() {
    return baseUnit;
  }

  public String help() {
    return help;
  }

  /** The label keys, in a fixed order; every series of this meter has exactly these. */
  public List<String> labelKeys() {
    return labelKeys;
  }

  /**
   * Label keys every series has only when a flag turns them on: {@code node} (--hep.nodes), {@code
   * peer} and {@code direction} (--peers.file).
   */
  public List<String> optionalLabelKeys() {
    return switch (this) {
      case RESPONSES, REQUESTS -> List.of(NODE_LABEL, PEER_LABEL, DIRECTION_LABEL);
      case TRANSACTIONS, TRANSACTION_DURATION, INVITE_POST_DIAL_DELAY, TRANSACTIONS_TIMED_OUT ->
          List.of(PEER_LABEL, DIRECTION_LABEL);
      default -> List.of();
    };
  }
}
