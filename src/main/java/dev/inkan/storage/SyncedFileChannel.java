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

/**
 * The database file as the log of a {@link GroupCommit}: H2's MVStore writes a commit as one chunk (and now
 * and then its store header), so with {@code WRITE_DELAY=0} a commit is in the file (the OS page cache: it
 * survives {@code kill -9}) when the JDBC {@code commit()} returns; this channel counts those writes, and
 * {@link #group} forces them to the device ({@code fdatasync}), one force for all the writes made before it
 * began, outside H2's store lock. Everything else is passed through unchanged.
 */
final class SyncedFileChannel extends FileChannel implements GroupCommit.Log {

    private final FileChannel file;
    private final AtomicLong writes = new AtomicLong();
    private final GroupCommit group = new GroupCommit(this);

    SyncedFileChannel(FileChannel file) {
        this.file = file;
    }

    /** Where a writer waits until its writes are on the device. */
    GroupCommit group() {
        return group;
    }

    /** Writes completed so far: one that completed before this is read is forced by a force begun after. */
    @Override
    public long version() {
        return writes.get();
    }

    @Override
    public void writeAndForce() {
        try {
            file.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force the database file to the disk", e);
        }
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
