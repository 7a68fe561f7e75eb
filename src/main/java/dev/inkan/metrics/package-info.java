/**
 * The one way Inkan's modules publish a gauge per row of a database query, refreshed on a schedule; revocation, ACME
 * and operations declare their series here and depend on nothing else of each other.
 */
package dev.inkan.metrics;
