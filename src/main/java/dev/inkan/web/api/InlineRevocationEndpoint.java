package dev.inkan.web.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Lock;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's NIO endpoint, answering {@link CachedRevocationAnswers} on the poller thread itself for plain-HTTP
 * connections. Tomcat hands every readable keep-alive connection from its poller to a worker thread (a wake-up, a
 * context switch, the selection key re-armed through the poller's queue), which cost a cached OCSP answer more than
 * the answer itself. Here, when a connection between requests becomes readable, the poller reads what has arrived
 * without waiting; when that is one or more complete {@code GET} heads ({@link RevocationRequestHeads}) that all have
 * a cached answer, it writes the answers without waiting and re-arms the key. Everything else — a miss, a partial
 * head (a slow client), a large request, POST, TLS, a connection Tomcat is in the middle of — is put back unread and
 * dispatched to a worker exactly as before, so the poller never waits for a client, a signature or the database. An
 * answer the socket cannot take at once is finished by a worker.
 */
class InlineRevocationEndpoint extends NioEndpoint {

    /** The poller's read buffer; {@code null} on other threads, which never answer inline. */
    private final ThreadLocal<ByteBuffer> pollerBuffer = ThreadLocal.withInitial(
            () -> Thread.currentThread().getName().endsWith("-Poller") ? ByteBuffer.allocate(getSocketProperties().getAppReadBufSize()) : null);
    private volatile CachedRevocationAnswers answers;

    void answerFromMemory(CachedRevocationAnswers answers) {
        this.answers = answers;
    }

    @Override
    public boolean processSocket(SocketWrapperBase<NioChannel> wrapper, SocketEvent event, boolean dispatch) {
        CachedRevocationAnswers cached = answers;
        if (cached != null && dispatch && event == SocketEvent.OPEN_READ && !isSSLEnabled()
                && wrapper instanceof NioSocketWrapper socket && wrapper.getCurrentProcessor() == null) {
            ByteBuffer buffer = pollerBuffer.get();
            Lock lock = wrapper.getLock();
            if (buffer != null && lock.tryLock()) {
                try {
                    if (!wrapper.isClosed() && answered(socket, cached, buffer)) {
                        return true;
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
        return super.processSocket(wrapper, event, dispatch);
    }

    /** Whether the connection was served (or closed); otherwise what was read is back in its buffer for Tomcat. */
    private boolean answered(NioSocketWrapper socket, CachedRevocationAnswers cached, ByteBuffer in) {
        if (socket.hasDataToWrite() || in.capacity() > socket.getSocketBufferHandler().getReadBuffer().capacity()) {
            return false;
        }
        in.clear();
        try {
            socket.read(false, in);
        } catch (IOException e) {
            return false; // end of stream or reset: Tomcat's processor meets it again and closes the connection
        }
        in.flip();
        List<RevocationRequestHeads.Head> heads = RevocationRequestHeads.parse(in.array(), 0, in.limit());
        ByteBuffer[] out = heads == null ? null : answers(heads, cached);
        if (out == null) {
            socket.unRead(in);
            return false;
        }
        boolean close = heads.get(heads.size() - 1).close();
        try {
            write(socket, out);
        } catch (IOException e) {
            socket.close();
            return true;
        }
        if (out[out.length - 1].hasRemaining()) {
            finishOnWorker(socket, out, close);
        } else if (close) {
            socket.close();
        } else {
            rearm(socket);
        }
        return true;
    }

    /** Head and body buffers of every answer, counted as sent; {@code null} unless every request has one. */
    private static ByteBuffer[] answers(List<RevocationRequestHeads.Head> heads, CachedRevocationAnswers cached) {
        CachedRevocationAnswers.Answer[] found = new CachedRevocationAnswers.Answer[heads.size()];
        int buffers = 0;
        for (int i = 0; i < found.length; i++) {
            RevocationRequestHeads.Head head = heads.get(i);
            found[i] = cached.get(head.path(), head.ifNoneMatch(), head.ifModifiedSince(), head.authorization());
            if (found[i] == null) {
                return null;
            }
            buffers += found[i].body() == null ? 1 : 2;
        }
        ByteBuffer[] out = new ByteBuffer[buffers];
        int b = 0;
        for (int i = 0; i < found.length; i++) {
            out[b++] = ByteBuffer.wrap(found[i].head(heads.get(i).close()));
            if (found[i].body() != null) {
                out[b++] = ByteBuffer.wrap(found[i].body());
            }
            found[i].sent().increment();
        }
        return out;
    }

    /** As much as the socket takes now (a gathering write, RFC 9112 §9.3.2 answers in request order). */
    private static void write(NioSocketWrapper socket, ByteBuffer[] out) throws IOException {
        NioChannel channel = socket.getSocket();
        long written;
        do {
            written = channel.write(out, 0, out.length);
        } while (written > 0 && out[out.length - 1].hasRemaining());
    }

    /** The socket's send buffer is full (a client that does not read): a worker waits for it, not the poller. */
    private void finishOnWorker(NioSocketWrapper socket, ByteBuffer[] out, boolean close) {
        Executor executor = getExecutor();
        Runnable finish = () -> {
            Lock lock = socket.getLock();
            lock.lock();
            try {
                for (ByteBuffer buffer : out) {
                    if (buffer.hasRemaining()) {
                        socket.write(true, buffer);
                    }
                }
                socket.flush(true);
                if (close) {
                    socket.close();
                } else {
                    socket.registerReadInterest();
                }
            } catch (IOException e) {
                socket.close();
            } finally {
                lock.unlock();
            }
        };
        if (executor == null) {
            socket.close();
        } else {
            executor.execute(finish);
        }
    }

    /** Read interest back on the key directly: this is the poller's thread, so no event queue and no wake-up. */
    private static void rearm(NioSocketWrapper socket) {
        SelectionKey key = socket.getSocket().getIOChannel().keyFor(socket.getPoller().getSelector());
        if (key == null || !key.isValid()) {
            socket.close();
            return;
        }
        int ops = key.interestOps() | SelectionKey.OP_READ;
        key.interestOps(ops);
        socket.interestOps(ops);
    }
}
