-- The whole storefront domain (see shared/DOMAIN.md). Later migrations add columns, not redesigns.
-- Stock numbers are guarded by CHECK constraints, so a bug in code can fail a transaction but never
-- store a negative or inconsistent number.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- ---------------------------------------------------------------- catalog
CREATE TABLE item (
    id              uuid        PRIMARY KEY,
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description     text        NOT NULL CHECK (length(description) <= 5000),
    price_amount    bigint      NOT NULL CHECK (price_amount >= 0),
    currency        text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    -- Full-text document: the name weighs more than the description.
    search_document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', name), 'A') ||
        setweight(to_tsvector('english', description), 'B')) STORED
);
-- Search: `search_document @@ tsquery` (whole words and prefixes).
CREATE INDEX item_search_document_idx ON item USING gin (search_document);
-- Search: `name %> :q` / `word_similarity` for partial words and small typos.
CREATE INDEX item_name_trgm_idx ON item USING gin (name gin_trgm_ops);
-- Listing the catalog (empty q) is keyset-paginated by (name, id).
CREATE INDEX item_name_id_idx ON item (name, id);

-- Aggregated (sellable) stock: a row of its own so that the hot stock updates of checkout never rewrite
-- the wide item row with its tsvector (they stay HOT updates on a narrow row).
CREATE TABLE item_stock (
    item_id    uuid        PRIMARY KEY REFERENCES item (id),
    aggregated integer     NOT NULL DEFAULT 0 CHECK (aggregated >= 0),
    updated_at timestamptz NOT NULL
);

-- ---------------------------------------------------------------- warehouses
CREATE TABLE warehouse (
    id             uuid        PRIMARY KEY,
    name           text        NOT NULL,
    address        jsonb       NOT NULL,
    latitude       double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude      double precision CHECK (longitude BETWEEN -180 AND 180),
    webhook_url    text,
    webhook_secret text,
    created_at     timestamptz NOT NULL
);
-- Listing warehouses is keyset-paginated by (created_at, id).
CREATE INDEX warehouse_created_idx ON warehouse (created_at, id);

-- Physical and available stock per (item, warehouse). The primary key order (item, warehouse) is also the
-- lock order of every multi-row stock update, and serves "which warehouses hold item X" for assignment.
CREATE TABLE warehouse_stock (
    item_id      uuid        NOT NULL REFERENCES item (id),
    warehouse_id uuid        NOT NULL REFERENCES warehouse (id),
    physical     integer     NOT NULL DEFAULT 0 CHECK (physical >= 0),
    available    integer     NOT NULL DEFAULT 0 CHECK (available >= 0),
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (item_id, warehouse_id),
    CHECK (available <= physical)
);
-- A warehouse's own stock listing, keyset-paginated by item id.
CREATE INDEX warehouse_stock_by_warehouse_idx ON warehouse_stock (warehouse_id, item_id);

-- Append-only ledger of warehouse stock reports; the primary key makes a repeated eventId a no-op.
CREATE TABLE stock_event (
    event_id     uuid        PRIMARY KEY,
    warehouse_id uuid        NOT NULL REFERENCES warehouse (id),
    item_id      uuid        NOT NULL REFERENCES item (id),
    kind         text        NOT NULL CHECK (kind IN ('RECEIPT', 'LOSS')),
    quantity     integer     NOT NULL CHECK (quantity > 0),
    reason       text,
    result       jsonb       NOT NULL,
    recorded_at  timestamptz NOT NULL
);
-- Stock history of one item in one warehouse.
CREATE INDEX stock_event_item_idx ON stock_event (item_id, warehouse_id, recorded_at);

-- ---------------------------------------------------------------- carts
CREATE TABLE cart_line (
    customer_id uuid        NOT NULL,
    item_id     uuid        NOT NULL REFERENCES item (id),
    quantity    integer     NOT NULL CHECK (quantity > 0),
    added_at    timestamptz NOT NULL,
    PRIMARY KEY (customer_id, item_id)
);

-- ---------------------------------------------------------------- checkouts
CREATE TABLE checkout (
    id           uuid        PRIMARY KEY,
    customer_id  uuid        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('ACTIVE', 'COMPLETED', 'CANCELLED', 'EXPIRED')),
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    closed_at    timestamptz,
    total_amount bigint      NOT NULL CHECK (total_amount >= 0),
    currency     text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$')
);
-- At most one ACTIVE checkout per customer, enforced by the database.
CREATE UNIQUE INDEX checkout_one_active_per_customer ON checkout (customer_id) WHERE status = 'ACTIVE';
-- The expiry reaper: ACTIVE checkouts by expiry time.
CREATE INDEX checkout_active_expiry_idx ON checkout (expires_at) WHERE status = 'ACTIVE';

-- The reserved lines of a checkout (lines that could not be reserved are only reported, never stored).
CREATE TABLE checkout_line (
    checkout_id       uuid    NOT NULL REFERENCES checkout (id),
    item_id           uuid    NOT NULL REFERENCES item (id),
    quantity          integer NOT NULL CHECK (quantity > 0),
    unit_price_amount bigint  NOT NULL CHECK (unit_price_amount >= 0),
    PRIMARY KEY (checkout_id, item_id)
);
-- The audit sums reservations per item.
CREATE INDEX checkout_line_item_idx ON checkout_line (item_id);

-- ---------------------------------------------------------------- orders
CREATE TABLE customer_order (
    id                  uuid        PRIMARY KEY,
    customer_id         uuid        NOT NULL,
    checkout_id         uuid        NOT NULL UNIQUE REFERENCES checkout (id),
    status              text        NOT NULL CHECK (status IN
                            ('PLACED', 'ASSIGNED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED')),
    total_amount        bigint      NOT NULL CHECK (total_amount >= 0),
    currency            text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    shipping_address    jsonb       NOT NULL,
    payment_reference   text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    -- Assignment bookkeeping: what was decided and why, and when to try again.
    assignment_decision jsonb,
    assignment_attempts integer     NOT NULL DEFAULT 0,
    next_assignment_at  timestamptz
);
-- Order history: a customer's orders newest first, keyset-paginated by (created_at, id).
CREATE INDEX customer_order_history_idx ON customer_order (customer_id, created_at DESC, id DESC);
-- The assignment worker: PLACED orders that are due.
CREATE INDEX customer_order_placed_idx ON customer_order (next_assignment_at) WHERE status = 'PLACED';

CREATE TABLE order_line (
    order_id          uuid    NOT NULL REFERENCES customer_order (id),
    item_id           uuid    NOT NULL REFERENCES item (id),
    quantity          integer NOT NULL CHECK (quantity > 0),
    unit_price_amount bigint  NOT NULL CHECK (unit_price_amount >= 0),
    PRIMARY KEY (order_id, item_id)
);
-- The audit sums PLACED orders per item.
CREATE INDEX order_line_item_idx ON order_line (item_id);

-- Idempotency keys of order submission: same customer + key replays the stored order; the request hash
-- tells a replay from a reuse with another body.
CREATE TABLE idempotency_key (
    customer_id     uuid        NOT NULL,
    idempotency_key text        NOT NULL,
    request_hash    text        NOT NULL,
    order_id        uuid        NOT NULL REFERENCES customer_order (id),
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (customer_id, idempotency_key)
);

-- ---------------------------------------------------------------- warehouse orders
CREATE TABLE warehouse_order (
    id           uuid        PRIMARY KEY,
    order_id     uuid        NOT NULL REFERENCES customer_order (id),
    warehouse_id uuid        NOT NULL REFERENCES warehouse (id),
    status       text        NOT NULL CHECK (status IN ('NEW', 'ACKNOWLEDGED', 'SHIPPED', 'CANCELLED')),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
-- A warehouse pulls its orders by status, oldest first.
CREATE INDEX warehouse_order_pull_idx ON warehouse_order (warehouse_id, status, created_at, id);
-- The shipments of one customer order.
CREATE INDEX warehouse_order_parent_idx ON warehouse_order (order_id);

CREATE TABLE warehouse_order_line (
    warehouse_order_id uuid    NOT NULL REFERENCES warehouse_order (id),
    item_id            uuid    NOT NULL REFERENCES item (id),
    quantity           integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (warehouse_order_id, item_id)
);
-- The audit sums open warehouse orders per item.
CREATE INDEX warehouse_order_line_item_idx ON warehouse_order_line (item_id);

-- ---------------------------------------------------------------- outbox
-- Notifications written in the same transaction as their cause, delivered afterwards with retries.
CREATE TABLE outbox (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    warehouse_id    uuid        NOT NULL REFERENCES warehouse (id),
    event_type      text        NOT NULL,
    payload         jsonb       NOT NULL,
    created_at      timestamptz NOT NULL,
    delivered_at    timestamptz,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text
);
-- The delivery job: undelivered rows that are due.
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE delivered_at IS NULL;
