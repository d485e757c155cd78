package io.sipexporter.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The datagrams a load run sends, built once: SIP responses with a realistic mix of methods and
 * codes, raw or wrapped in HEPv3. Datagram {@code i} answers {@link #method(int)} with {@link
 * #code(int)}, so what was sent can be checked against what was counted.
 */
public final class LoadMessages {
  /**
   * The mix of (method, code) the datagrams cycle through: mostly call setup, some registration.
   */
  private static final Object[][] MIX = {
    {"INVITE", 100}, {"INVITE", 180}, {"INVITE", 183}, {"INVITE", 200}, {"INVITE", 486},
    {"INVITE", 437}, {"INVITE", 503}, {"INVITE", 404}, {"INVITE", 487}, {"INVITE", 603},
    {"REGISTER", 401}, {"REGISTER", 200}, {"OPTIONS", 200}, {"BYE", 200}
  };

  private static final String[] REASONS = new String[700];

  static {
    REASONS[100] = "Trying";
    REASONS[180] = "Ringing";
    REASONS[183] = "Session Progress";
    REASONS[200] = "OK";
    REASONS[401] = "Unauthorized";
    REASONS[404] = "Not Found";
    REASONS[437] = "Unsupported Credential";
    REASONS[486] = "Busy Here";
    REASONS[487] = "Request Terminated";
    REASONS[503] = "Service Unavailable";
    REASONS[603] = "Decline";
  }

  private final byte[][] datagrams;
  private final String[] methods;
  private final int[] codes;

  /** {@code count} distinct datagrams; HEPv3-wrapped when {@code hep}. */
  public LoadMessages(int count, boolean hep) {
    datagrams = new byte[count][];
    methods = new String[count];
    codes = new int[count];
    for (int i = 0; i < count; i++) {
      String method = (String) MIX[i % MIX.length][0];
      int code = (Integer) MIX[i % MIX.length][1];
      methods[i] = method;
      codes[i] = code;
      byte[] sip = response(method, code, "load-" + i + "@example.com", i);
      datagrams[i] = hep ? hep3(sip, i) : sip;
    }
  }

  public int size() {
    return datagrams.length;
  }

  public byte[] datagram(int i) {
    return datagrams[i];
  }

  public String method(int i) {
    return methods[i];
  }

  public int code(int i) {
    return codes[i];
  }

  private static byte[] response(String method, int code, String callId, int n) {
    String text =
        "SIP/2.0 "
            + code
            + " "
            + REASONS[code]
            + "\r\n"
            + "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bKload"
            + n
            + ";received=198.51.100.7\r\n"
            + "Record-Route: <sip:198.51.100.1;lr>\r\n"
            + "From: \"Load\" <sip:load@example.com>;tag=f"
            + n
            + "\r\n"
            + "To: <sip:target@example.com>;tag=t"
            + n
            + "\r\n"
            + "Call-ID: "
            + callId
            + "\r\n"
            + "CSeq: "
            + (n + 1)
            + " "
            + method
            + "\r\n"
            + "Contact: <sip:target@198.51.100.9:5060>\r\n"
            + "User-Agent: sip-exporter-loadgen\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n";
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** HEPv3: magic, total length, generic chunks (vendor 0), payload last. */
  private static byte[] hep3(byte[] payload, int n) {
    ByteBuffer b =
        ByteBuffer.allocate(6 + 7 + 7 + 10 + 10 + 8 + 8 + 10 + 10 + 7 + 10 + 6 + payload.length);
    b.put(new byte[] {'H', 'E', 'P', '3'}).putShort((short) b.capacity());
    chunk(b, 1, 1).put((byte) 2); // IPv4
    chunk(b, 2, 1).put((byte) 17); // UDP
    chunk(b, 3, 4).put(new byte[] {(byte) 198, 51, 100, 9});
    chunk(b, 4, 4).put(new byte[] {(byte) 198, 51, 100, 7});
    chunk(b, 7, 2).putShort((short) 5060);
    chunk(b, 8, 2).putShort((short) 5060);
    chunk(b, 9, 4).putInt(0); // no capture time: the exporter stamps receive time
    chunk(b, 10, 4).putInt(0);
    chunk(b, 11, 1).put((byte) 1); // SIP
    chunk(b, 12, 4).putInt(2000 + (n & 7));
    chunk(b, 15, payload.length).put(payload);
    return b.array();
  }

  private static ByteBuffer chunk(ByteBuffer b, int type, int valueLength) {
    return b.putShort((short) 0).putShort((short) type).putShort((short) (6 + valueLength));
  }
}
