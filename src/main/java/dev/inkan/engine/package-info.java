/**
 * The certificate engine: key types, names, profiles, certificate/CSR building and the PEM and
 * PKCS#12 codecs. Pure Java and Bouncy Castle: no Spring, no files; it is handed signers, not keys.
 */
package dev.inkan.engine;
