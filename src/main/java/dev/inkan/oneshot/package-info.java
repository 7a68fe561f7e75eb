/**
 * The omgwtfssl-compatible one-shot flow: a CA reused from the output directory (after checking it) or made
 * new, a server key, CSR and certificate, and every file built in memory for the {@code cli} to write.
 */
package dev.inkan.oneshot;
