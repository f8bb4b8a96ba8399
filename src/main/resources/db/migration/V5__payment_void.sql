-- A cancelled order's payment authorization goes back to the gateway after the cancel has committed, retried
-- until the gateway confirms (OrderService.cancel writes the row in its transaction, PaymentVoids sends it).
CREATE TABLE payment_void (
    order_id          uuid        PRIMARY KEY REFERENCES customer_order (id),
    payment_reference text        NOT NULL,
    created_at        timestamptz NOT NULL,
    next_attempt_at   timestamptz NOT NULL,
    attempts          int         NOT NULL DEFAULT 0,
    last_error        text,
    voided_at         timestamptz
);
-- The job's claim: voids not yet done, by due time.
CREATE INDEX payment_void_due_idx ON payment_void (next_attempt_at) WHERE voided_at IS NULL;
