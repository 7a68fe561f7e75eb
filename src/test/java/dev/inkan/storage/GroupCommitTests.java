package dev.inkan.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Group commit against a model log: every writer is told durable only after a force that covered its write. */
class GroupCommitTests {

    private static final int THREADS = 16;
    private static final int COMMITS_PER_THREAD = 400;

    /**
     * A log as GroupCommit sees it: a commit lands in memory; a store, when anything is unsaved, first moves the
     * version on, then takes everything unsaved, then forces it (a sleep of 1 ms: the fdatasync).
     */
    static final class ModelLog implements GroupCommit.Log {

        final Queue<Long> unsaved = new ConcurrentLinkedQueue<>();
        final Set<Long> onDisk = ConcurrentHashMap.newKeySet();
        final AtomicInteger forces = new AtomicInteger();
        private volatile long version;

        void commitInMemory(long change) {
            unsaved.add(change);
        }

        @Override
        public long version() {
            return version;
        }

        @Override
        public synchronized void writeAndForce() {
            if (unsaved.isEmpty()) {
                return; // MVStore.commit() stores nothing and keeps its version
            }
            version++;
            List<Long> chunk = new ArrayList<>();
            for (Long change; (change = unsaved.poll()) != null; ) {
                chunk.add(change);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            onDisk.addAll(chunk);
            forces.incrementAndGet();
        }
    }

    @Test
    void everyWriterReturnsOnlyAfterItsChangeWasForcedAndConcurrentWritersShareForces() throws Exception {
        ModelLog log = new ModelLog();
        GroupCommit groupCommit = new GroupCommit(log);
        Queue<Long> early = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long first = (long) t * COMMITS_PER_THREAD;
            Thread writer = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (long change = first; change < first + COMMITS_PER_THREAD; change++) {
                    log.commitInMemory(change);
                    groupCommit.awaitDurable();
                    if (!log.onDisk.contains(change)) {
                        early.add(change);
                    }
                }
            });
            writer.start();
            writers.add(writer);
        }
        start.countDown();
        for (Thread writer : writers) {
            writer.join();
        }

        assertThat(early).as("changes reported durable before a force covered them").isEmpty();
        assertThat(log.onDisk).hasSize(THREADS * COMMITS_PER_THREAD);
        assertThat(log.forces.get()).as("forces for %d commits", THREADS * COMMITS_PER_THREAD)
                .isLessThan(THREADS * COMMITS_PER_THREAD / 2);
    }

    @Test
    void aWriterAloneForcesOnceAndALaterCallWithoutChangesForcesNothing() {
        ModelLog log = new ModelLog();
        GroupCommit groupCommit = new GroupCommit(log);

        log.commitInMemory(1L);
        groupCommit.awaitDurable();
        groupCommit.awaitDurable();

        assertThat(log.onDisk).containsExactly(1L);
        assertThat(log.forces.get()).isEqualTo(1);
    }
}
