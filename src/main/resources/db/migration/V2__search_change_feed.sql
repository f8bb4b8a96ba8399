-- The change feed that keeps every replica's search index current (docs/SEARCH.md).
--
-- Every insert or update of an item stamps the row with the writing transaction's id (change_xid) and a number
-- from a sequence (change_seq), in the same transaction. An index applies rows in (change_xid, change_seq) order
-- and only from transactions older than the oldest one still running (pg_snapshot_xmin of the current
-- snapshot): those have all committed or aborted, and no later transaction can get a smaller id. A poller that
-- read plain "sequence > last seen" would skip a change whose transaction took its number early and committed
-- late. Stock lives in item_stock, so stock changes never touch these rows.

CREATE SEQUENCE item_change_seq;

ALTER TABLE item ADD COLUMN change_seq bigint, ADD COLUMN change_xid xid8;
UPDATE item SET change_seq = nextval('item_change_seq'), change_xid = pg_current_xact_id();
ALTER TABLE item ALTER COLUMN change_seq SET NOT NULL, ALTER COLUMN change_xid SET NOT NULL;

CREATE FUNCTION item_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_seq := nextval('item_change_seq');
    NEW.change_xid := pg_current_xact_id();
    RETURN NEW;
END
$$;

CREATE TRIGGER item_record_change BEFORE INSERT OR UPDATE ON item
    FOR EACH ROW EXECUTE FUNCTION item_record_change();

-- The index's poll: (change_xid, change_seq) > watermark, in that order.
CREATE INDEX item_change_idx ON item (change_xid, change_seq);
-- Catalog listing by price (empty q with sort=price_asc|price_desc) on the PostgreSQL engine.
CREATE INDEX item_price_id_idx ON item (price_amount, id);

-- Names this database's catalog. An index remembers the epoch it was built from; on a different database (a
-- fresh one, or a restore) the index does not match and is rebuilt.
CREATE TABLE search_index_epoch (
    epoch uuid PRIMARY KEY
);
INSERT INTO search_index_epoch (epoch) VALUES (gen_random_uuid());
