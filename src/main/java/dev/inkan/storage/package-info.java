/**
 * Where the service keeps its state on disk: one process per data directory (a lock), owner-only
 * permissions, and the embedded H2 database's commits forced to the disk before they are acknowledged.
 */
package dev.inkan.storage;
