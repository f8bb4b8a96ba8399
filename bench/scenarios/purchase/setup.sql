-- The purchase scenario's inputs, drawn afresh from the loaded catalog at every run (psql, as the superuser).
-- bench.customer(n): the customer of pgbench client n (raw-purchase.sql), a stable UUID.
CREATE OR REPLACE FUNCTION bench.customer(n int) RETURNS uuid LANGUAGE sql IMMUTABLE
    AS $$ SELECT md5('bench-raw-customer-' || n)::uuid $$;

-- Items the purchase flow buys (one unit at a time): in stock with room to spare.
DROP TABLE IF EXISTS bench.purchase_item;
CREATE TABLE bench.purchase_item (n int PRIMARY KEY, item_id uuid NOT NULL);
INSERT INTO bench.purchase_item
    SELECT row_number() OVER (), item_id
    FROM (SELECT item_id FROM item_stock TABLESAMPLE SYSTEM (20) WHERE aggregated >= 20 LIMIT :purchase_items) s;

-- Items viewed by id.
DROP TABLE IF EXISTS bench.view_item;
CREATE TABLE bench.view_item (n int PRIMARY KEY, item_id uuid NOT NULL);
INSERT INTO bench.view_item
    SELECT row_number() OVER (), id FROM (SELECT id FROM item TABLESAMPLE SYSTEM (10) LIMIT :view_items) s;

-- Customers whose cart is read: each gets three lines (a cart line takes no stock: DOMAIN.md).
DROP TABLE IF EXISTS bench.cart_customer;
CREATE TABLE bench.cart_customer (n int PRIMARY KEY, customer_id uuid NOT NULL);
-- psql's standard input: "n<TAB>customer id" lines (the subjects of the cart readers' tokens).
\copy bench.cart_customer (n, customer_id) FROM pstdin
DELETE FROM cart_line WHERE customer_id IN (SELECT customer_id FROM bench.cart_customer);
INSERT INTO cart_line (customer_id, item_id, quantity, added_at)
    SELECT c.customer_id, p.item_id, 1 + k, now()
    FROM bench.cart_customer c CROSS JOIN generate_series(0, 2) k
    JOIN bench.purchase_item p ON p.n = 1 + (c.n * 3 + k) % (SELECT count(*) FROM bench.purchase_item);

GRANT USAGE ON SCHEMA bench TO shop;
GRANT SELECT ON ALL TABLES IN SCHEMA bench TO shop;
GRANT EXECUTE ON FUNCTION bench.customer(int) TO shop;
ANALYZE bench.purchase_item;
ANALYZE bench.view_item;
ANALYZE bench.cart_customer;
