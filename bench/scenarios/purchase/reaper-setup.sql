-- :count ACTIVE checkouts of one unit each, of distinct random items, expiring at :'expires' (psql, superuser):
-- aggregated stock -1 per checkout, in one transaction, as if :count customers had begun checkout.
BEGIN;
CREATE TEMP TABLE reaped ON COMMIT DROP AS
    SELECT gen_random_uuid() AS checkout_id, gen_random_uuid() AS customer_id, s.item_id, i.price_amount
    FROM (SELECT item_id FROM item_stock TABLESAMPLE SYSTEM (30) WHERE aggregated >= 1 LIMIT :count) s
    JOIN item i ON i.id = s.item_id;
UPDATE item_stock s SET aggregated = s.aggregated - 1, updated_at = now() FROM reaped r WHERE s.item_id = r.item_id;
INSERT INTO checkout (id, customer_id, status, created_at, expires_at, total_amount, currency)
    SELECT checkout_id, customer_id, 'ACTIVE', now(), :'expires', price_amount, 'USD' FROM reaped;
INSERT INTO checkout_line (checkout_id, item_id, quantity, unit_price_amount)
    SELECT checkout_id, item_id, 1, price_amount FROM reaped;
SELECT count(*) AS created FROM reaped;
COMMIT;
ANALYZE checkout, checkout_line;
