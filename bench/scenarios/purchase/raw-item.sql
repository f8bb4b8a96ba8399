-- pgbench (-M prepared): GET /api/v1/items/{id}, one item with its aggregated stock by primary key.
\set n random(1, :pool)
SELECT i.id, i.name, i.description, i.price_amount, i.currency, s.aggregated
FROM item i JOIN item_stock s ON s.item_id = i.id
WHERE i.id = (SELECT item_id FROM bench.view_item WHERE n = :n);
