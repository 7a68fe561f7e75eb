package dev.inkan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inkan.testing.TestDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link ClusterLock} on H2 and on a real PostgreSQL: a job runs on one node at a time (two
 * ClusterLocks over two connection sources stand for two nodes), and at most every interval.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ClusterLockTests {

    @Parameter
    TestDatabase database;

    private DataSource dataSource;
    private ClusterLock node1;
    private ClusterLock node2;

    @BeforeEach
    void twoNodesOnOneMigratedDatabase() throws Exception {
        dataSource = database.migrated();
        node1 = new ClusterLock(dataSource);
        String url;
        try (var connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
        }
        node2 = new ClusterLock(database == TestDatabase.H2 ? dataSource : TestDatabase.postgresql(url));
    }

    @Test
    void aJobRunningOnOneNodeIsSkippedByAnotherUntilItEnds() throws Exception {
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var runs = new AtomicInteger();
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> node1.runExclusively("crl-refresh", () -> {
            runs.incrementAndGet();
            started.countDown();
            await(release);
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(node2.runExclusively("crl-refresh", runs::incrementAndGet)).isFalse();
        assertThat(node1.runExclusively("crl-refresh", runs::incrementAndGet)).isFalse();
        assertThat(runs).hasValue(1);

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(node2.runExclusively("crl-refresh", runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(2);
    }

    @Test
    void aWaitingCallerBlocksUntilTheHolderIsDoneThenRunsOrGivesUpAfterItsTimeout() throws Exception {
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var order = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        CompletableFuture<Boolean> holder = CompletableFuture.supplyAsync(() -> node1.runExclusively("default-ca", () -> {
            started.countDown();
            await(release);
            order.add("holder");
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> node2.runExclusivelyWaiting("default-ca", Duration.ofMillis(200), () -> order.add("too early")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'default-ca'");
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(
                () -> node2.runExclusivelyWaiting("default-ca", Duration.ofSeconds(30), () -> order.add("waiter")));
        assertThat(waiter).as("still blocked while the holder runs").isNotDone();

        release.countDown();
        assertThat(holder.get(10, TimeUnit.SECONDS)).isTrue();
        waiter.get(10, TimeUnit.SECONDS);
        assertThat(order).containsExactly("holder", "waiter");
    }

    @Test
    void jobsOfDifferentNamesRunAtTheSameTime() {
        var inner = new AtomicInteger();
        boolean outer = node1.runExclusively("expiry-mail", () -> assertThat(
                node2.runExclusively("crl-refresh", inner::incrementAndGet)).isTrue());
        assertThat(outer).isTrue();
        assertThat(inner).hasValue(1);
    }

    @Test
    void theSameJobCalledFromWithinItselfIsSkipped() {
        var inner = new AtomicInteger();
        assertThat(node1.runExclusively("crl-refresh", () -> assertThat(
                node1.runExclusively("crl-refresh", inner::incrementAndGet)).isFalse())).isTrue();
        assertThat(inner).hasValue(0);
    }

    @Test
    void aJobThatCompletedOnAnyNodeWithinTheIntervalIsSkippedAndItsRunIsRecorded() {
        var runs = new AtomicInteger();
        assertThat(node1.runAtMostEvery("crl-refresh", Duration.ofHours(1), runs::incrementAndGet)).isTrue();
        assertThat(node2.runAtMostEvery("crl-refresh", Duration.ofHours(1), runs::incrementAndGet)).isFalse();
        assertThat(node2.runAtMostEvery("crl-refresh", Duration.ZERO, runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(2);
        assertThat(JdbcClient.create(dataSource).sql("SELECT last_run_by FROM cluster_job WHERE job_name = 'crl-refresh'")
                .query(String.class).single()).contains("@");
    }

    @Test
    void aJobThatThrowsReleasesTheLockAndDoesNotCountAsCompleted() {
        assertThatThrownBy(() -> node1.runAtMostEvery("crl-refresh", Duration.ofHours(1), () -> {
            throw new IllegalStateException("signer unavailable");
        })).hasMessage("signer unavailable");
        var runs = new AtomicInteger();
        assertThat(node2.runAtMostEvery("crl-refresh", Duration.ofHours(1), runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(1);
    }

    @Test
    void blankOrOverlongJobNamesAndNegativeIntervalsAreRefused() {
        assertThatThrownBy(() -> node1.runExclusively(" ", () -> {})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> node1.runExclusively("x".repeat(ClusterLock.MAX_JOB_NAME + 1), () -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> node1.runAtMostEvery("crl-refresh", Duration.ofSeconds(-1), () -> {}))
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
