/**
 * The live inputs: one class per input ({@link io.sipexporter.input.SipInput}, {@link
 * io.sipexporter.input.HepInput}) saying where it listens, which senders it takes and how its bytes
 * become SIP messages. Registered in {@code io.sipexporter.Inputs} and started by the composition
 * root.
 *
 * <p>May import {@code core}, {@code hep}, {@code net} and {@code pipeline}; only the root package
 * imports it.
 */
package io.sipexporter.input;
