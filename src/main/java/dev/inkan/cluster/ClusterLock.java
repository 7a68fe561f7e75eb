package dev.inkan.cluster;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * "Run this job at most once across all instances right now": a scheduled job (CRL refresh, expiry
 * notifications, clean-ups) asks here before it starts, on every node, and only one runs it.
 *
 * <pre>{@code
 * @Scheduled(fixedDelay = 60_000)
 * void refresh() {
 *     clusterLock.runAtMostEvery("crl-refresh", Duration.ofMinutes(5), crls::refreshAll);
 * }
 * }</pre>
 *
 * <p>On PostgreSQL the lock is a session-level advisory lock ({@code pg_try_advisory_lock}, PostgreSQL
 * manual §13.3.5) held on a connection of its own for the length of the job, so a node that dies
 * mid-job releases it with its connection. On H2 (a file that one process opens) it is a lock in this
 * JVM. Either way a caller of {@link #runExclusively} that finds the job running elsewhere returns at
 * once; {@link #runExclusivelyWaiting} instead blocks in the lock itself until the holder is done.
 * When each job last completed is kept in the {@code cluster_job} table, by the database's clock,
 * so nodes whose clocks differ still agree on "at most every".
 */
@Component
public class ClusterLock {

    /** The longest job name ({@code cluster_job.job_name}). */
    public static final int MAX_JOB_NAME = 64;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final boolean postgresql;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    /** H2's locks, per database URL and job: one JVM may hold two services on one database (tests do). */
    private static final Map<String, ReentrantLock> LOCAL_LOCKS = new ConcurrentHashMap<>();
    private final String databaseUrl;

    public ClusterLock(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        String[] product = product(dataSource);
        this.postgresql = product[0].equalsIgnoreCase("PostgreSQL");
        this.databaseUrl = product[1];
    }

    /**
     * Runs {@code job} on this thread unless an instance of the cluster (this one included) is running
     * the job of that name right now.
     *
     * @return true when the job ran here, false when it was running elsewhere and was skipped
     * @throws IllegalArgumentException when the name is blank or longer than {@value #MAX_JOB_NAME}
     * @throws RuntimeException whatever the job threw (the lock is released first)
     */
    public boolean runExclusively(String jobName, Runnable job) {
        return run(jobName, null, job);
    }

    /**
     * Runs {@code job} on this thread once no other instance runs the job of that name, waiting for the
     * lock (blocked in the database or in this JVM, not polling) at most {@code timeout}. A job meant to
     * happen once ("make the default CA") checks inside whether an earlier holder did it already.
     *
     * @throws IllegalStateException when the lock was not free within {@code timeout}, or when interrupted
     */
    public void runExclusivelyWaiting(String jobName, Duration timeout, Runnable job) {
        requireName(jobName);
        if (postgresql) {
            runUnderBlockingAdvisoryLock(jobName, timeout, job);
            return;
        }
        ReentrantLock lock = localLock(jobName);
        try {
            if (!lock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw notFree(jobName, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster lock of job " + jobName, e);
        }
        try {
            job.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Like {@link #runExclusively}, and also skips the job when it last completed, on any instance,
     * less than {@code interval} ago. A job that throws does not count as completed.
     *
     * @return true when the job ran here
     */
    public boolean runAtMostEvery(String jobName, Duration interval, Runnable job) {
        if (interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be zero or positive, was " + interval);
        }
        return run(jobName, interval, job);
    }

    private boolean run(String jobName, Duration interval, Runnable job) {
        requireName(jobName);
        return postgresql ? runUnderAdvisoryLock(jobName, interval, job) : runUnderLocalLock(jobName, interval, job);
    }

    private static void requireName(String jobName) {
        if (jobName == null || jobName.isBlank() || jobName.length() > MAX_JOB_NAME) {
            throw new IllegalArgumentException("a job name is 1 to " + MAX_JOB_NAME + " characters, was " + jobName);
        }
    }

    private ReentrantLock localLock(String jobName) {
        return LOCAL_LOCKS.computeIfAbsent(databaseUrl + " " + jobName, name -> new ReentrantLock());
    }

    private static IllegalStateException notFree(String jobName, Duration timeout) {
        return new IllegalStateException("another node has held the cluster lock '" + jobName + "' for " + timeout.toSeconds()
                + " s; check the other nodes' logs");
    }

    private boolean runUnderLocalLock(String jobName, Duration interval, Runnable job) {
        ReentrantLock lock = localLock(jobName);
        if (lock.isHeldByCurrentThread() || !lock.tryLock()) {
            return false;
        }
        try {
            return runIfDue(jobName, interval, job);
        } finally {
            lock.unlock();
        }
    }

    private boolean runUnderAdvisoryLock(String jobName, Duration interval, Runnable job) {
        long key = advisoryKey(jobName);
        try (Connection connection = dataSource.getConnection()) {
            if (!advisory(connection, "SELECT pg_try_advisory_lock(?)", key)) {
                return false;
            }
            try {
                return runIfDue(jobName, interval, job);
            } finally {
                advisory(connection, "SELECT pg_advisory_unlock(?)", key);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the cluster lock of job " + jobName + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code pg_advisory_lock} waits in the server's lock manager, bounded by {@code lock_timeout}
     * (PostgreSQL manual §20.11: it applies to advisory locks too); SQLSTATE 55P03 is that timeout.
     */
    private void runUnderBlockingAdvisoryLock(String jobName, Duration timeout, Runnable job) {
        long key = advisoryKey(jobName);
        try (Connection connection = dataSource.getConnection()) {
            try (var statement = connection.createStatement()) {
                statement.execute("SET lock_timeout = " + Math.max(1, timeout.toMillis()));
            }
            try (var statement = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                statement.setLong(1, key);
                statement.executeQuery().close();
            } catch (SQLException e) {
                if ("55P03".equals(e.getSQLState())) {
                    throw notFree(jobName, timeout);
                }
                throw e;
            } finally {
                try (var statement = connection.createStatement()) {
                    statement.execute("RESET lock_timeout");
                }
            }
            try {
                job.run();
            } finally {
                advisory(connection, "SELECT pg_advisory_unlock(?)", key);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the cluster lock of job " + jobName + ": " + e.getMessage(), e);
        }
    }

    private static boolean advisory(Connection connection, String sql, long key) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (var result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** Called with the lock held, so no other instance reads or writes this job's row meanwhile. */
    private boolean runIfDue(String jobName, Duration interval, Runnable job) {
        if (interval != null) {
            var lastRun = jdbc.sql("SELECT last_run_at, CURRENT_TIMESTAMP AS now FROM cluster_job WHERE job_name = ?")
                    .param(jobName)
                    .query((rs, row) -> Duration.between(rs.getObject("last_run_at", OffsetDateTime.class),
                            rs.getObject("now", OffsetDateTime.class)))
                    .optional();
            if (lastRun.isPresent() && lastRun.get().compareTo(interval) < 0) {
                return false;
            }
        }
        job.run();
        int updated = jdbc.sql("UPDATE cluster_job SET last_run_at = CURRENT_TIMESTAMP, last_run_by = ? WHERE job_name = ?")
                .params(node, jobName).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO cluster_job (job_name, last_run_at, last_run_by) VALUES (?, CURRENT_TIMESTAMP, ?)")
                    .params(jobName, node).update();
        }
        return true;
    }

    /** The first 8 bytes of SHA-256("inkan-job:" + name): one advisory key per job name, stable across releases. */
    static long advisoryKey(String jobName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("inkan-job:" + jobName).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The database's product name and URL. */
    private static String[] product(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return new String[] {connection.getMetaData().getDatabaseProductName(), connection.getMetaData().getURL()};
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }
}
