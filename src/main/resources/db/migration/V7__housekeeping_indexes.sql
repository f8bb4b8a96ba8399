-- An index build on a large table may take longer than the pool's statement limit (application.properties).
SET LOCAL statement_timeout = 0;
-- Housekeeping deletes old rows in batches; each batch finds its rows through one of these.
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
CREATE INDEX checkout_closed_idx ON checkout (closed_at) WHERE status IN ('CANCELLED', 'EXPIRED');
CREATE INDEX outbox_delivered_idx ON outbox (delivered_at) WHERE delivered_at IS NOT NULL;
