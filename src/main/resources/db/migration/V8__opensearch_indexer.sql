-- The OpenSearch engine (shop.search.engine=opensearch) keeps one index for all replicas, so one replica at a time
-- feeds it: the one holding this row's lease. The row also holds how far the index is (the change-feed watermark,
-- see V2) and which index the alias points to, so a replica that takes over continues where the last one stopped.
CREATE TABLE search_indexer (
    engine             text PRIMARY KEY,
    holder             text,
    lease_until        timestamptz NOT NULL DEFAULT '-infinity',
    index_name         text,
    watermark_xid      bigint NOT NULL DEFAULT 0,
    watermark_seq      bigint NOT NULL DEFAULT 0,
    applied_seq        bigint NOT NULL DEFAULT 0,
    current_at         timestamptz,
    reindex_requested  boolean NOT NULL DEFAULT false
);
INSERT INTO search_indexer (engine) VALUES ('opensearch');
