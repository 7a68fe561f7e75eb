/**
 * What leaves Inkan as files: nginx-ready bundles, zips, PKCS#12 and trust stores, Kubernetes Secrets, trust-store helper scripts.
 */
package dev.inkan.export;
