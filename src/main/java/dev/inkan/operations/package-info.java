/**
 * Operating Inkan: signed webhook and e-mail notifications fed by the audit trail and an expiry check,
 * Prometheus metrics, the streamed inventory export and the audit trail search. Sits above issuance.
 */
package dev.inkan.operations;
