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
      "SIP responses seen, by the CSeq method they answer, status code and class.",
      "method",
      "code",
      "class"),
  REQUESTS("sip.requests", Type.COUNTER, "", "SIP requests seen, by method.", "method"),
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
      "class");

  /** The Micrometer meter type. */
  public enum Type {
    COUNTER,
    GAUGE
  }

  private final String name;
  private final Type type;
  private final String baseUnit;
  private final String help;
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
}
