package dev.inkan.cluster;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells an instance that another one changed what it caches. A writer calls {@link #advance} in the
 * transaction that changes the shared rows (a CA created, imported or revoked); a reader compares
 * {@link #current} with the generation its cache entry was loaded at and reloads when they differ.
 * One primary-key read per use: a CA changed on one node is used or refused on the next request on
 * every other node, with no messaging between them.
 */
@Component
public class CacheGenerations {

    private final JdbcClient jdbc;

    public CacheGenerations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The topic's generation now (0 until first advanced). */
    public long current(String topic) {
        return jdbc.sql("SELECT generation FROM cluster_generation WHERE topic = ?").param(topic).query(Long.class)
                .optional().orElse(0L);
    }

    /** Moves the topic on; call it inside the transaction that changes what the topic's caches hold. */
    public void advance(String topic) {
        if (jdbc.sql("UPDATE cluster_generation SET generation = generation + 1 WHERE topic = ?").param(topic).update() == 0) {
            try {
                jdbc.sql("INSERT INTO cluster_generation (topic, generation) VALUES (?, 1)").param(topic).update();
            } catch (DuplicateKeyException raced) {
                jdbc.sql("UPDATE cluster_generation SET generation = generation + 1 WHERE topic = ?").param(topic).update();
            }
        }
    }
}
