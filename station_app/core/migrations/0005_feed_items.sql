-- Each county feed item this station has dealt with, by its feed seq: applied once, or refused with the reason.
-- Applying an item checks and writes this row in the same transaction as the cursor, so two syncs that meet
-- (the counter's automatic sync and the day-end `station-app sync`) can never apply one item twice.
CREATE TABLE feed_items (
    seq      INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL,
    outcome  TEXT NOT NULL CHECK (outcome IN ('applied', 'refused')),
    code     TEXT NOT NULL DEFAULT '',   -- why it was refused (a StationError code or 'item_malformed')
    detail   TEXT NOT NULL DEFAULT '',   -- what the item asked for, for the clerk and county IT
    body     TEXT,                       -- the refused item as the county sent it
    at       TEXT NOT NULL
);
-- Ops the county can never accept because one alone is over the upload limit: set aside (journal sync_state
-- 'too_large'), listed here with the reason, so they do not block the ops behind them.
CREATE TABLE sync_set_aside (
    op_id   TEXT PRIMARY KEY,
    reason  TEXT NOT NULL,
    bytes   INTEGER NOT NULL,
    at      TEXT NOT NULL
);
