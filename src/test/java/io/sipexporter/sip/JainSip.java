package io.sipexporter.sip;

import gov.nist.core.CommonLogger;
import gov.nist.core.StackLogger;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.lang.reflect.Proxy;

/**
 * JAIN-SIP's message parser, the reference the scanner is checked and benchmarked against. Its
 * logging is switched to a silent logger, so it runs without log4j 1.x on the classpath.
 */
public final class JainSip {
  static {
    CommonLogger.useLegacyLogger = true;
    CommonLogger.legacyLogger =
        (StackLogger)
            Proxy.newProxyInstance(
                StackLogger.class.getClassLoader(),
                new Class<?>[] {StackLogger.class},
                (proxy, method, args) -> {
                  Class<?> type = method.getReturnType();
                  return type == boolean.class
                      ? false
                      : type == int.class ? 0 : type == String.class ? "" : null;
                });
  }

  private final StringMsgParser parser = new StringMsgParser();

  /** JAIN-SIP's reading of one whole message (body included), or null when it rejects it. */
  public SIPMessage parse(byte[] bytes) {
    try {
      return parser.parseSIPMessage(bytes, true, false, null);
    } catch (Exception | StackOverflowError e) {
      return null;
    }
  }
}
