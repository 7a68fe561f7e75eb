/**
 * The ACME server (RFC 8555, RFC 8737, RFC 8738): JWS-signed requests, nonces, accounts, orders,
 * authorizations and their validation, finalized by the issuance service; all state in the database.
 */
package dev.inkan.acme;
