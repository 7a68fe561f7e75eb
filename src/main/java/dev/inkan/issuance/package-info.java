/**
 * The rules of issuing: request validation, policy, and the ledger of what was issued (keyed by serial and issuer).
 */
package dev.inkan.issuance;
