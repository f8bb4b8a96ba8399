-- pgbench (-M prepared): GET /api/v1/cart, a customer's lines with names, prices and aggregated stock.
\set n random(1, :pool)
SELECT l.item_id, i.name, l.quantity, i.price_amount, i.currency, s.aggregated
FROM cart_line l JOIN item i ON i.id = l.item_id JOIN item_stock s ON s.item_id = l.item_id
WHERE l.customer_id = (SELECT customer_id FROM bench.cart_customer WHERE n = :n)
ORDER BY l.added_at, l.item_id;
