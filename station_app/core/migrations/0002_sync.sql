-- The station's side of the county sync.
CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- Ops the county refused: shown to the clerk in an attention list; they never block the ops behind them.
CREATE TABLE sync_rejections (
    op_id  TEXT PRIMARY KEY,
    code   TEXT NOT NULL,
    at     TEXT NOT NULL
);
-- Reference data snapshots in force, swapped whole after their hash checked out.
CREATE TABLE reference (
    kind        TEXT PRIMARY KEY,
    version     INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    body        TEXT NOT NULL,
    applied_at  TEXT NOT NULL
);
-- Instructions and announcements from the county feed, until the clerk has read them.
CREATE TABLE county_messages (
    seq          INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    body         TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    read_at      TEXT
);
