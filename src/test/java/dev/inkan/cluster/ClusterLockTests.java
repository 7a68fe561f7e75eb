package dev.inkan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link ClusterLock} on H2 (one process): a job runs once at a time, and at most every interval. */
class ClusterLockTests {

    private JdbcDataSource dataSource;
    private ClusterLock lock;

    @BeforeEach
    void migratedDatabase() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:cluster-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        lock = new ClusterLock(dataSource);
    }

    @Test
    void aJobRunningOnOneThreadIsSkippedByAnotherUntilItEnds() throws Exception {
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var runs = new AtomicInteger();
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> lock.runExclusively("crl-refresh", () -> {
            runs.incrementAndGet();
            started.countDown();
            await(release);
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(lock.runExclusively("crl-refresh", runs::incrementAndGet)).isFalse();
        assertThat(runs).hasValue(1);

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(lock.runExclusively("crl-refresh", runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(2);
    }

    @Test
    void jobsOfDifferentNamesRunAtTheSameTime() {
        var inner = new AtomicInteger();
        boolean outer = lock.runExclusively("expiry-mail", () -> assertThat(
                lock.runExclusively("crl-refresh", inner::incrementAndGet)).isTrue());
        assertThat(outer).isTrue();
        assertThat(inner).hasValue(1);
    }

    @Test
    void theSameJobCalledFromWithinItselfIsSkipped() {
        var inner = new AtomicInteger();
        assertThat(lock.runExclusively("crl-refresh", () -> assertThat(
                lock.runExclusively("crl-refresh", inner::incrementAndGet)).isFalse())).isTrue();
        assertThat(inner).hasValue(0);
    }

    @Test
    void aJobThatCompletedWithinTheIntervalIsSkippedAndItsRunIsRecorded() {
        var runs = new AtomicInteger();
        assertThat(lock.runAtMostEvery("crl-refresh", Duration.ofHours(1), runs::incrementAndGet)).isTrue();
        assertThat(lock.runAtMostEvery("crl-refresh", Duration.ofHours(1), runs::incrementAndGet)).isFalse();
        assertThat(lock.runAtMostEvery("crl-refresh", Duration.ZERO, runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(2);
        assertThat(JdbcClient.create(dataSource).sql("SELECT last_run_by FROM cluster_job WHERE job_name = 'crl-refresh'")
                .query(String.class).single()).contains("@");
    }

    @Test
    void aJobThatThrowsReleasesTheLockAndDoesNotCountAsCompleted() {
        assertThatThrownBy(() -> lock.runAtMostEvery("crl-refresh", Duration.ofHours(1), () -> {
            throw new IllegalStateException("signer unavailable");
        })).hasMessage("signer unavailable");
        var runs = new AtomicInteger();
        assertThat(lock.runAtMostEvery("crl-refresh", Duration.ofHours(1), runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(1);
    }

    @Test
    void blankOrOverlongJobNamesAndNegativeIntervalsAreRefused() {
        assertThatThrownBy(() -> lock.runExclusively(" ", () -> {})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lock.runExclusively("x".repeat(ClusterLock.MAX_JOB_NAME + 1), () -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lock.runAtMostEvery("crl-refresh", Duration.ofSeconds(-1), () -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void advisoryKeysAreStableAndDifferPerJob() {
        assertThat(ClusterLock.advisoryKey("crl-refresh")).isEqualTo(ClusterLock.advisoryKey("crl-refresh"))
                .isNotEqualTo(ClusterLock.advisoryKey("expiry-mail"));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
