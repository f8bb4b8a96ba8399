-- An index build on a large table may take longer than the pool's statement limit (application.properties).
SET LOCAL statement_timeout = 0;
-- What a notification is about (the warehouse order): one subject's notifications are delivered in the order they
-- were written, so a receiver never gets a warehouse order's "cancelled" before its "created".
ALTER TABLE outbox ADD COLUMN subject uuid;
-- The delivery's claim: is an earlier notification of the same subject still undelivered?
CREATE INDEX outbox_subject_idx ON outbox (subject, id) WHERE delivered_at IS NULL;
