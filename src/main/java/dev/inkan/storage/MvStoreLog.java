package dev.inkan.storage;

import org.h2.mvstore.MVStore;

/**
 * H2's MVStore as the log of a {@link GroupCommit}. With a write delay H2 commits a transaction in memory;
 * {@code MVStore.commit()} then stores every change as one chunk, written through {@link SyncedFileChannel}
 * (each write forced). When H2's own background writer took the changes first, {@code commit()} finds nothing
 * unsaved and returns while that chunk may still be in H2's serialization and save queues, so those queues are
 * drained ({@code executeFilestoreOperation} runs its task after every queued store) before the changes count
 * as durable.
 */
final class MvStoreLog implements GroupCommit.Log {

    private final MVStore store;

    MvStoreLog(MVStore store) {
        this.store = store;
    }

    @Override
    public long version() {
        return store.getCurrentVersion();
    }

    @Override
    public void writeAndForce() {
        if (store.isClosed()) {
            throw new IllegalStateException("the database is closed; the change may not be on the disk");
        }
        if (store.commit() < 0) {
            store.executeFilestoreOperation(() -> { });
        }
    }
}
