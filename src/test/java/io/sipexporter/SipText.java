package io.sipexporter;

import java.nio.charset.StandardCharsets;

/** Test helper: well-formed SIP requests and responses, CRLF-terminated, as bytes. */
public final class SipText {
  private SipText() {}

  /** A request with the usual headers and an optional body. */
  public static byte[] request(String method, String callId, int cseq, String body) {
    return bytes(
        method
            + " sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK"
            + callId
            + cseq
            + "\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:alice@example.com>;tag=a1\r\n"
            + "To: <sip:bob@example.com>\r\n"
            + "Call-ID: "
            + callId
            + "\r\n"
            + "CSeq: "
            + cseq
            + " "
            + method
            + "\r\n"
            + "Contact: <sip:alice@192.0.2.10:5060>\r\n"
            + "Content-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length
            + "\r\n"
            + "\r\n"
            + body);
  }

  /** A response to a {@code method} request, without a body. */
  public static byte[] response(int code, String reason, String method, String callId, int cseq) {
    return bytes(
        "SIP/2.0 "
            + code
            + " "
            + reason
            + "\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK"
            + callId
            + cseq
            + "\r\n"
            + "From: <sip:alice@example.com>;tag=a1\r\n"
            + "To: <sip:bob@example.com>;tag=b2\r\n"
            + "Call-ID: "
            + callId
            + "\r\n"
            + "CSeq: "
            + cseq
            + " "
            + method
            + "\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n");
  }

  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
