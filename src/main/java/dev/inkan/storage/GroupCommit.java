package dev.inkan.storage;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: a writer is answered only after a write and force of the log that began after its commit,
 * and one such write serves every writer waiting at that moment (leader/follower). A writer that
 * finds no store running leads: it notes the log's version, writes and forces everything committed so
 * far, and marks that version durable; the writers waiting meanwhile find their version covered and return without
 * touching the disk. Commits made while the leader forces form the next group: their writers wait (followers
 * wake at each store), and one of them leads the next store as soon as the current one is done.
 */
public final class GroupCommit {

    /** The log made durable in groups: H2's database file ({@link SyncedFileChannel}), or a test's model of one. */
    public interface Log {

        /**
         * Where the log stands: a change committed before this is read is made durable by a
         * {@link #writeAndForce} begun after it.
         */
        long version();

        /** Makes every change committed so far durable (writes what is not yet written, forces the file). */
        void writeAndForce();
    }

    private final Log log;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stored = lock.newCondition();
    /** Every change of a version up to this one is on the device. */
    private volatile long durableThrough = Long.MIN_VALUE;
    private boolean leading;

    public GroupCommit(Log log) {
        this.log = log;
    }

    /** Every change of a version up to this one is on the device. */
    long durableThrough() {
        return durableThrough;
    }

    /** Returns once every change this thread committed before the call is on the device. */
    public void awaitDurable() {
        long version = log.version();
        if (durableThrough >= version) {
            return;
        }
        lock.lock();
        try {
            while (durableThrough < version) {
                if (leading) {
                    // a follower: woken by each store, done as soon as one covered its version
                    stored.awaitUninterruptibly();
                } else {
                    lead();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stores everything committed so far, outside the lock so that the next group forms meanwhile. */
    private void lead() {
        leading = true;
        long covered = log.version();
        boolean written = false;
        lock.unlock();
        try {
            log.writeAndForce();
            written = true;
        } finally {
            lock.lock();
            leading = false;
            if (written) {
                durableThrough = Math.max(durableThrough, covered);
            }
            stored.signalAll();
        }
    }
}
