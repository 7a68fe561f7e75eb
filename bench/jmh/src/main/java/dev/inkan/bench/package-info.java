/**
 * JMH microbenchmarks of the engine, compiled only by the {@code bench} Maven profile (see bench/run jmh):
 * key generation, certificate building and signing, PEM and CSR handling, and the raw signature
 * they are compared against, so the cost beyond the signature is visible.
 */
package dev.inkan.bench;
