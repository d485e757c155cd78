/**
 * The live inputs: one class per input ({@link io.sipexporter.input.SipInput}, {@link
 * io.sipexporter.input.HepInput}) saying where it listens, which senders it takes and how its bytes
 * become SIP messages. Registered in {@code io.sipexporter.Inputs} and started by the composition
 * root.
 *
 * <p>Only the root package imports it. To add an input: its class here, one line in {@code Inputs},
 * its flags in the command and its fields in {@code ExporterConfig}, and an {@code Input} constant
 * in {@code core} if it needs its own {@code input} label value.
 *
 * <p>Imports: core, hep, net, pipeline.
 */
package io.sipexporter.input;
