-- The raw release of every expired checkout: one set-based statement (psql, timed by the caller).
WITH expired AS (
    UPDATE checkout SET status = 'EXPIRED', closed_at = now()
    WHERE status = 'ACTIVE' AND expires_at <= now()
    RETURNING id
), released AS (
    SELECT l.item_id, sum(l.quantity) AS quantity
    FROM checkout_line l JOIN expired e ON e.id = l.checkout_id
    GROUP BY l.item_id
)
UPDATE item_stock s SET aggregated = s.aggregated + r.quantity, updated_at = now()
FROM released r WHERE s.item_id = r.item_id;
