-- Station, clerks, journal, parcels counter. Times are UTC ISO-8601 text; money in fen; weight in grams.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Station-wide settings (thresholds, templates, counters). Device settings live in the INI file.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE clerks (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor')),
    pin_hash      TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    failed_pins   INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,
    created_at    TEXT NOT NULL
);

-- The append-only op log (outbox). device_seq is the per-device order; op_id the idempotency key.
CREATE TABLE journal (
    device_seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id       TEXT NOT NULL UNIQUE,
    type        TEXT NOT NULL,
    entity_id   TEXT,
    payload     TEXT NOT NULL,
    clerk_id    TEXT,
    created_at  TEXT NOT NULL,
    sync_state  TEXT NOT NULL DEFAULT 'pending'
);
CREATE INDEX journal_entity ON journal(entity_id);
CREATE INDEX journal_pending ON journal(sync_state, device_seq);

CREATE TABLE couriers (
    code      TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    patterns  TEXT NOT NULL DEFAULT '[]',   -- JSON list of regular expressions for waybill numbers
    sort      INTEGER NOT NULL DEFAULT 100
);

-- Prefixes learned from the clerk's confirmed choices: (first 4 characters, length) -> courier.
CREATE TABLE courier_prefixes (
    prefix   TEXT NOT NULL,
    length   INTEGER NOT NULL,
    courier  TEXT NOT NULL,
    hits     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (prefix, length, courier)
);

-- Expected parcels, from the county feed or an imported CSV.
CREATE TABLE manifest (
    waybill_key     TEXT PRIMARY KEY,       -- upper-cased waybill, for case-insensitive match
    waybill         TEXT NOT NULL,
    courier         TEXT,
    recipient_name  TEXT,
    recipient_phone TEXT,                   -- full mobile, or '' for a privacy waybill
    phone_tail      TEXT NOT NULL DEFAULT '',
    source          TEXT NOT NULL,
    imported_at     TEXT NOT NULL
);

CREATE TABLE shelves (
    shelf     INTEGER PRIMARY KEY CHECK (shelf BETWEEN 1 AND 99),
    layers    INTEGER NOT NULL CHECK (layers BETWEEN 1 AND 20),
    capacity  INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 9999)
);

CREATE TABLE parcels (
    id               TEXT PRIMARY KEY,
    waybill          TEXT NOT NULL,
    waybill_key      TEXT NOT NULL,
    courier          TEXT NOT NULL,
    recipient_name   TEXT NOT NULL DEFAULT '',
    recipient_phone  TEXT NOT NULL DEFAULT '',   -- full mobile number, or '' for a privacy waybill
    phone_tail       TEXT NOT NULL DEFAULT '',   -- last four digits; '' while the recipient is missing
    status           TEXT NOT NULL CHECK (status IN ('in_stock', 'picked_up', 'returned')),
    shelf            INTEGER NOT NULL,
    layer            INTEGER NOT NULL,
    pickup_code      TEXT NOT NULL,
    damaged          INTEGER NOT NULL DEFAULT 0,
    damage_note      TEXT NOT NULL DEFAULT '',
    received_at      TEXT NOT NULL,
    received_by      TEXT NOT NULL,
    reminded_at      TEXT,
    picked_up_at     TEXT,
    picked_up_by     TEXT,
    handover         TEXT,                        -- self | proxy | door
    proxy_name       TEXT,
    proxy_phone_tail TEXT,
    returned_at      TEXT,
    return_reason    TEXT
);
-- A waybill and a pickup code are unique among parcels in stock, enforced by the database itself.
CREATE UNIQUE INDEX parcels_in_stock_waybill ON parcels(waybill_key) WHERE status = 'in_stock';
CREATE UNIQUE INDEX parcels_in_stock_code ON parcels(pickup_code) WHERE status = 'in_stock';
CREATE INDEX parcels_waybill ON parcels(waybill_key);
CREATE INDEX parcels_tail ON parcels(phone_tail, status);
CREATE INDEX parcels_phone ON parcels(recipient_phone, status);
CREATE INDEX parcels_code ON parcels(pickup_code);
CREATE INDEX parcels_shelf ON parcels(status, shelf, layer);
CREATE INDEX parcels_received ON parcels(received_at);

CREATE TABLE notifications (
    id          TEXT PRIMARY KEY,
    parcel_id   TEXT NOT NULL REFERENCES parcels(id),
    kind        TEXT NOT NULL CHECK (kind IN ('arrival', 'reminder')),
    phone       TEXT NOT NULL,
    body        TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed', 'cancelled')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX notifications_state ON notifications(state, created_at);
CREATE INDEX notifications_parcel ON notifications(parcel_id);
