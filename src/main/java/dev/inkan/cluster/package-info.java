/**
 * What several Inkan instances on one database must agree on: jobs that run once across the cluster
 * ({@link dev.inkan.cluster.ClusterLock}). Depends on the database only, never on the rest of Inkan.
 */
package dev.inkan.cluster;
