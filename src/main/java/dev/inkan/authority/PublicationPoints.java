package dev.inkan.authority;

import dev.inkan.engine.RevocationUrls;

/**
 * Where a CA publishes revocation (its CRL, OCSP responder and certificate URLs), as the module that
 * serves them knows it. Every certificate the CA signs carries these URLs; without an implementation
 * in the application, certificates carry none.
 */
public interface PublicationPoints {

    /** The URLs the certificates signed by CA {@code caId} point to, honouring its per-CA switches. */
    RevocationUrls urlsFor(long caId);
}
