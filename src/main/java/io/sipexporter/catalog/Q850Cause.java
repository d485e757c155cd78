package io.sipexporter.catalog;

/**
 * One ITU-T Q.850 cause value: what it says about the call, what to check, and the SIP response RFC
 * 3398 8.2.6.1 maps it to. Causes Q.850 leaves unassigned are built by {@link Q850Catalog#explain}
 * with {@code assigned} false.
 *
 * @param cause the value, 1-127
 * @param name Q.850's name for it, or "Unassigned"
 * @param meaning what it says about the call
 * @param check what an operator looks at next
 * @param sipResponse the RFC 3398 8.2.6.1 response, 0 for none (cause 16 ends a call with BYE)
 * @param sipDefault true when the RFC's table does not list the cause and its default 500 applies
 * @param sipNote the RFC's own exceptions for this cause, or ""
 * @param freeswitch FreeSWITCH's hangup cause name for the value, or ""
 * @param assigned false for a value Q.850 does not define
 */
public record Q850Cause(
    int cause,
    String name,
    String meaning,
    String check,
    int sipResponse,
    boolean sipDefault,
    String sipNote,
    String freeswitch,
    boolean assigned) {

  /** {@code Q.850 cause 17 User busy}. */
  public String title() {
    return "Q.850 cause " + cause + " " + name;
  }

  /** The class of the cause's range, e.g. {@code normal event} (Q.850 2.2.7.2). */
  public String rangeClass() {
    return Q850Catalog.rangeClass(cause);
  }

  /** True when RFC 3398 maps the cause to a SIP response (all but 16). */
  public boolean hasSipResponse() {
    return sipResponse != 0;
  }
}
