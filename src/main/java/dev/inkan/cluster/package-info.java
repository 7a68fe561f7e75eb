/**
 * What several Inkan instances on one database must agree on: jobs that run once across the cluster
 * ({@link dev.inkan.cluster.ClusterLock}) and
 * caches that another instance's change makes stale ({@link dev.inkan.cluster.CacheGenerations}). Depends on the database only, never on the rest of Inkan.
 */
package dev.inkan.cluster;
