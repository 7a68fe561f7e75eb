-- What cached state of one instance another instance changed (dev.inkan.cluster.CacheGenerations): a
-- writer advances the topic's generation in its own transaction; readers compare before using a cache.
CREATE TABLE cluster_generation (
    topic      VARCHAR(64) NOT NULL PRIMARY KEY,
    generation BIGINT      NOT NULL
);
INSERT INTO cluster_generation (topic, generation) VALUES ('authority', 0);
