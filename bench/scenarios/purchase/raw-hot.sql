-- pgbench (-M prepared): one buyer of the hot item takes a unit if one is left (the conditional decrement at the
-- heart of a reservation). Run with -t so that clients x transactions = buyers.
UPDATE item_stock SET aggregated = aggregated - 1, updated_at = now()
WHERE item_id = (SELECT item_id FROM bench.hot) AND aggregated >= 1;
