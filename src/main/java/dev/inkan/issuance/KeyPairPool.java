package dev.inkan.issuance;

import dev.inkan.engine.KeyType;
import java.security.KeyPair;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Key pairs generated ahead, so that issuing with a server-side key does not wait for key generation
 * (an RSA 2048 key takes ~100 ms of one core; issue 12). Bounded per key type; kept in memory only,
 * never written anywhere (the caller seals the key it takes), and each pair is handed out once: a
 * {@link #take} removes it from the queue. A type's queue starts filling only after its first use, on
 * one low-priority daemon thread, so start-up and key types nobody asks for cost nothing. An empty
 * queue never makes a caller wait for the filler: the caller generates its own pair.
 */
@Component
public class KeyPairPool implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KeyPairPool.class);

    private final Map<KeyType, BlockingQueue<KeyPair>> ready = new EnumMap<>(KeyType.class);
    private final Map<KeyType, AtomicBoolean> refillQueued = new EnumMap<>(KeyType.class);
    private final ExecutorService filler;
    private volatile boolean closed;

    /**
     * @param enabled  {@code inkan.key-pool.enabled} (INKAN_KEY_POOL_ENABLED): false generates every key on demand
     * @param rsa2048  how many RSA 2048 pairs to hold ({@code inkan.key-pool.rsa-2048})
     * @param others   how many pairs of each other key type to hold ({@code inkan.key-pool.size})
     */
    public KeyPairPool(@Value("${inkan.key-pool.enabled:true}") boolean enabled,
                       @Value("${inkan.key-pool.rsa-2048:256}") int rsa2048,
                       @Value("${inkan.key-pool.size:64}") int others) {
        for (KeyType type : KeyType.values()) {
            int capacity = !enabled ? 0 : switch (type) {
                case RSA_2048 -> rsa2048;
                // a 3072/4096-bit pair takes 0.5-2 s: a few ahead cover a burst without seconds of idle work
                case RSA_3072, RSA_4096 -> Math.min(others, 8);
                default -> others;
            };
            if (capacity > 0) {
                ready.put(type, new ArrayBlockingQueue<>(capacity));
                refillQueued.put(type, new AtomicBoolean());
            }
        }
        filler = ready.isEmpty() ? null : Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "inkan-key-pool");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
    }

    /** A fresh key pair of {@code type} that nobody else has been or will be given. */
    public KeyPair take(KeyType type) {
        BlockingQueue<KeyPair> queue = ready.get(type);
        if (queue == null) {
            return type.generate();
        }
        KeyPair pair = queue.poll();
        refill(type, queue);
        return pair != null ? pair : type.generate();
    }

    /** How many pairs of {@code type} are ready now. */
    public int available(KeyType type) {
        BlockingQueue<KeyPair> queue = ready.get(type);
        return queue == null ? 0 : queue.size();
    }

    /** How many pairs of {@code type} the pool holds when full (0: this type is always generated on demand). */
    public int capacity(KeyType type) {
        BlockingQueue<KeyPair> queue = ready.get(type);
        return queue == null ? 0 : queue.size() + queue.remainingCapacity();
    }

    private void refill(KeyType type, BlockingQueue<KeyPair> queue) {
        AtomicBoolean queued = refillQueued.get(type);
        if (closed || queue.remainingCapacity() == 0 || !queued.compareAndSet(false, true)) {
            return;
        }
        try {
            filler.execute(() -> {
                try {
                    while (!closed && queue.remainingCapacity() > 0) {
                        queue.offer(type.generate());
                    }
                } catch (RuntimeException e) {
                    log.warn("could not generate {} keys ahead; issuing generates them on demand: {}", type.displayName(), e.toString());
                    queued.set(false);
                    return;
                }
                queued.set(false);
                // a pair taken between the last offer and the line above would otherwise wait for the next take
                refill(type, queue);
            });
        } catch (RejectedExecutionException e) {
            queued.set(false);
        }
    }

    /** Stops the filler and forgets every pair not handed out. */
    @Override
    public void destroy() {
        closed = true;
        if (filler != null) {
            filler.shutdownNow();
        }
        ready.values().forEach(BlockingQueue::clear);
    }
}
