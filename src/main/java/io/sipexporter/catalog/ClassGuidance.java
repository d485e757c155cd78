package io.sipexporter.catalog;

/**
 * The catalogue's guidance for a whole response class, used to explain the class of every code and
 * as the fallback for codes the IANA registry does not hold.
 *
 * @param codeClass the class
 * @param severity the default severity for an unregistered code of the class
 * @param treatedAs the registered code a client handles an unknown code of this class as (RFC 3261
 *     8.1.3.2: x00, or 183 for provisional responses)
 * @param outcome what a response of this class means for the call
 * @param description what the class means
 * @param whenSeen situations that produce responses of this class
 * @param howToFix generic advice for the class
 * @param triage the class's situations, checks and sides, also used for unregistered codes
 */
public record ClassGuidance(
    CodeClass codeClass,
    Severity severity,
    int treatedAs,
    String outcome,
    String description,
    String whenSeen,
    String howToFix,
    Triage triage) {}
