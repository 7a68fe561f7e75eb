/**
 * Thin JSON controllers of the REST API and the one advice that maps errors to RFC 9457 problem+json.
 */
package dev.inkan.web.api;
