package dev.inkan.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVStore;

/**
 * The database file as the log of a {@link GroupCommit}, in which H2's commits are stored in groups: a commit
 * changes H2's MVStore in memory only, and the leader of each group stores everything committed so far as one
 * chunk ({@code MVStore.commit()}), waits for any store H2 began by itself meanwhile (its background writer) to be
 * written, and forces the file to the device ({@code fdatasync}), outside H2's store lock. So one chunk and one
 * force serve every writer waiting at that moment, instead of a chunk per transaction: each chunk rewrites every
 * B-tree page its transactions touched, and transactions of one group share the upper pages and often the leaves.
 * Durability therefore does not depend on H2's {@code WRITE_DELAY}. Everything else is passed through unchanged.
 */
final class SyncedFileChannel extends FileChannel implements GroupCommit.Log {

    private final FileChannel file;
    /** Hands out {@link #version}s: each caller gets a higher one than every caller before it. */
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    /** {@link #writes} as counted when the last completed force began: those writes are on the device. */
    private volatile long writesForced;
    private final GroupCommit group = new GroupCommit(this);
    /** The store H2 keeps in this file; known from the first connection on ({@link #group(MVStore)}). */
    private volatile MVStore store;

    SyncedFileChannel(FileChannel file) {
        this.file = file;
    }

    /** Where a writer to {@code store} (H2's store in this file) waits until its commits are on the device. */
    GroupCommit group(MVStore store) {
        this.store = store;
        return group;
    }

    /**
     * A ticket: a change committed before it was taken is on the device once a {@link #writeAndForce} begun after
     * it returns, since that call takes a later ticket first ({@link GroupCommit} reads the version before it
     * stores) and then stores, or waits for H2's own store of, everything committed by then.
     */
    @Override
    public long version() {
        return tickets.incrementAndGet();
    }

    @Override
    public void writeAndForce() {
        MVStore store = this.store;
        store.commit();
        // a store H2 began by itself (its background writer, or one when much is unsaved) may hold changes that
        // commit() then found saved: it is written by the time this returns
        store.executeFilestoreOperation(() -> { });
        long written = writes.get();
        try {
            file.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force the database file to the disk", e);
        }
        writesForced = written; // leaders take turns (GroupCommit), so this only grows
    }

    /** Writes to the file so far. */
    long writes() {
        return writes.get();
    }

    /** Writes known to be on the device: those counted before the last completed force began. */
    long writesForced() {
        return writesForced;
    }

    private <T> T counted(T written) {
        writes.incrementAndGet();
        return written;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return counted(file.write(src));
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return counted(file.write(srcs, offset, length));
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return counted(file.write(src, position));
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        file.truncate(size);
        file.force(true);
        return this;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return file.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return file.read(dst, position);
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public void force(boolean metaData) throws IOException {
        file.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return counted(file.transferFrom(src, position, count));
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        SyncedFilePath.closed(this);
        file.close();
    }
}
