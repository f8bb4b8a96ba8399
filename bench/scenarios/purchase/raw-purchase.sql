-- pgbench (-M prepared): the purchase flow's minimal SQL, one customer per client, the same three steps as the
-- HTTP flow (bench/lib/purchase.lua), each its own transaction: put one unit of a random item in the cart; begin
-- checkout (reserve it: aggregated stock -1, record the checkout and its line); submit the order (complete the
-- checkout, record the order and its line, empty the cart line, record the idempotency key). 11 statements,
-- 3 commits. The orders are PLACED and wait for assignment, as the service's would. -D pool=N: items to draw from.
\set n random(1, :pool)

-- PUT /api/v1/cart/items/{item}
INSERT INTO cart_line (customer_id, item_id, quantity, added_at)
    SELECT bench.customer(:client_id), item_id, 1, now() FROM bench.purchase_item WHERE n = :n
    ON CONFLICT (customer_id, item_id) DO UPDATE SET quantity = excluded.quantity
    RETURNING item_id AS item \gset

-- POST /api/v1/checkout
BEGIN;
UPDATE item_stock SET aggregated = aggregated - 1, updated_at = now()
    WHERE item_id = :item AND aggregated >= 1
    RETURNING (SELECT price_amount FROM item WHERE id = :item) AS price \gset
INSERT INTO checkout (id, customer_id, status, created_at, expires_at, total_amount, currency)
    VALUES (gen_random_uuid(), bench.customer(:client_id), 'ACTIVE', now(), now() + interval '10 minutes', :price, 'USD')
    RETURNING id AS checkout \gset
INSERT INTO checkout_line (checkout_id, item_id, quantity, unit_price_amount) VALUES (:checkout, :item, 1, :price);
COMMIT;

-- POST /api/v1/orders
BEGIN;
UPDATE checkout SET status = 'COMPLETED', closed_at = now() WHERE id = :checkout AND status = 'ACTIVE';
INSERT INTO customer_order (id, customer_id, checkout_id, status, total_amount, currency, shipping_address,
        payment_reference, created_at, updated_at, next_assignment_at)
    VALUES (gen_random_uuid(), bench.customer(:client_id), :checkout, 'PLACED', :price, 'USD',
        '{"name":"Bench Customer","line1":"1 Main St","city":"Springfield","region":"IL","postalCode":"62701","country":"US"}',
        'bench-raw', now(), now(), now())
    RETURNING id AS order_id \gset
INSERT INTO order_line (order_id, item_id, quantity, unit_price_amount)
    SELECT :order_id, item_id, quantity, unit_price_amount FROM checkout_line WHERE checkout_id = :checkout;
DELETE FROM cart_line WHERE customer_id = bench.customer(:client_id) AND item_id = :item;
INSERT INTO idempotency_key (customer_id, idempotency_key, request_hash, order_id, created_at)
    VALUES (bench.customer(:client_id), 'bench-raw-' || :order_id, 'bench', :order_id, now());
COMMIT;
