-- An index build on a large table may take longer than the pool's statement limit (application.properties).
SET LOCAL statement_timeout = 0;
-- "Did this customer ever have a checkout?" (DELETE /api/v1/checkout without an active one answers
-- CHECKOUT_NOT_ACTIVE or NOT_FOUND) must not scan a table that keeps every checkout ever made.
-- Not CONCURRENTLY: Flyway holds its migration lock in a transaction, which a concurrent index build would wait
-- for forever. Building it blocks checkout writes for the time it takes (seconds per million checkouts).
CREATE INDEX checkout_customer_idx ON checkout (customer_id);
