-- Undo the raw purchase runs except the newest :keep orders, which stay PLACED as the assignment worker's backlog
-- (psql, as the superuser). Their stock goes back to aggregated stock; checkouts the runs left ACTIVE are released.
BEGIN;
-- The rows deleted below are whole orders and checkouts, children first; skipping the foreign-key triggers saves
-- a scan of idempotency_key (no index on order_id: nothing else deletes orders) per deleted order.
SET LOCAL session_replication_role = replica;
CREATE TEMP TABLE undo_order ON COMMIT DROP AS
    SELECT id, checkout_id FROM customer_order WHERE payment_reference = 'bench-raw' AND status = 'PLACED'
    ORDER BY created_at DESC OFFSET :keep;
CREATE TEMP TABLE undo_checkout ON COMMIT DROP AS
    SELECT checkout_id AS id FROM undo_order
    UNION ALL
    SELECT id FROM checkout WHERE status = 'ACTIVE' AND customer_id IN (SELECT bench.customer(g) FROM generate_series(0, 255) g);
UPDATE item_stock s SET aggregated = s.aggregated + r.quantity
    FROM (SELECT l.item_id, sum(l.quantity) AS quantity FROM checkout_line l JOIN undo_checkout u ON u.id = l.checkout_id
          GROUP BY l.item_id) r
    WHERE s.item_id = r.item_id;
DELETE FROM idempotency_key WHERE order_id IN (SELECT id FROM undo_order);
DELETE FROM order_line WHERE order_id IN (SELECT id FROM undo_order);
DELETE FROM customer_order WHERE id IN (SELECT id FROM undo_order);
DELETE FROM checkout_line WHERE checkout_id IN (SELECT id FROM undo_checkout);
DELETE FROM checkout WHERE id IN (SELECT id FROM undo_checkout);
DELETE FROM cart_line WHERE customer_id IN (SELECT bench.customer(g) FROM generate_series(0, 255) g);
COMMIT;
VACUUM ANALYZE checkout, checkout_line, customer_order, order_line, idempotency_key, cart_line, item_stock;
