package io.sipexporter.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Two response codes side by side, with the key differences a person needs: class against class,
 * what each means for the call, whether it ends the transaction, and how much it matters.
 *
 * @param first the first code
 * @param second the second code
 * @param firstClass guidance for the first code's class
 * @param secondClass guidance for the second code's class
 */
public record CodeComparison(
    ResponseCode first, ResponseCode second, ClassGuidance firstClass, ClassGuidance secondClass) {

  /** True when both codes share a class. */
  public boolean sameClass() {
    return first.codeClass() == second.codeClass();
  }

  /** The key differences, one sentence each, most important first. */
  public List<String> differences() {
    List<String> out = new ArrayList<>();
    if (first.code() == second.code()) {
      out.add("Both are " + first.title() + ": there is no difference.");
      return out;
    }
    if (sameClass() && first.outcome().equals(second.outcome())) {
      out.add(
          "Same class: both are "
              + classOf(first)
              + ". "
              + first.outcome()
              + " They differ in cause, see what each means and when each applies.");
    } else if (sameClass()) {
      out.add(
          "Same class: both are "
              + classOf(first)
              + ", but they differ for the call as well as in cause.");
      out.add("For the call, " + first.code() + ": " + first.outcome());
      out.add("For the call, " + second.code() + ": " + second.outcome());
    } else {
      out.add(
          "Class: "
              + first.code()
              + " is "
              + classOf(first)
              + ", "
              + second.code()
              + " is "
              + classOf(second)
              + ".");
      out.add("For the call, " + first.code() + ": " + first.outcome());
      out.add("For the call, " + second.code() + ": " + second.outcome());
    }
    boolean p1 = first.codeClass().isProvisional();
    if (p1 != second.codeClass().isProvisional()) {
      int prov = p1 ? first.code() : second.code();
      int fin = p1 ? second.code() : first.code();
      out.add(
          prov
              + " is provisional (more responses follow); "
              + fin
              + " is final and ends the transaction.");
    }
    if (first.severity() != second.severity()) {
      out.add(
          "Alerting severity: "
              + first.code()
              + " is "
              + first.severity().label()
              + ", "
              + second.code()
              + " is "
              + second.severity().label()
              + ".");
    }
    if (first.registered() != second.registered()) {
      ResponseCode u = first.registered() ? second : first;
      out.add(
          u.code()
              + " is not in the IANA registry and is handled as "
              + u.related().get(0)
              + " (RFC 3261 8.1.3.2).");
    }
    if (first.related().contains(second.code()) || second.related().contains(first.code())) {
      out.add("The catalogue lists them as related codes.");
    }
    return out;
  }

  private static String classOf(ResponseCode c) {
    return c.codeClass().label() + " " + c.codeClass().displayName();
  }
}
