-- County server storage. Times are UTC ISO-8601 text.
-- This file is SQLite's baseline, run at every start (CREATE … IF NOT EXISTS). PostgreSQL's tables are made by
-- migrations/postgresql/NNNN_*.sql instead: a table or column added here must also be added there (as a new
-- numbered file in both migrations/sqlite/ and migrations/postgresql/ once the baseline is frozen; see
-- sync/server/schema_versions.py). tests/sync/test_postgresql.py::test_both_dialects_make_the_same_tables_and_columns
-- fails until they agree.
CREATE TABLE IF NOT EXISTS stations (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS enrolment_codes (
    code_hash   TEXT PRIMARY KEY,
    station     TEXT NOT NULL REFERENCES stations(code),
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);
CREATE TABLE IF NOT EXISTS credentials (
    token_hash  TEXT PRIMARY KEY,
    station     TEXT NOT NULL REFERENCES stations(code),
    device_id   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    revoked_at  TEXT
);
-- The permanent ledger of seen ops: op_id is the idempotency key.
CREATE TABLE IF NOT EXISTS ledger (
    op_id         TEXT PRIMARY KEY,
    station       TEXT NOT NULL,
    device_id     TEXT NOT NULL,
    device_seq    INTEGER NOT NULL,
    type          TEXT NOT NULL,
    entity_id     TEXT,
    payload       TEXT NOT NULL,
    payload_hash  TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    received_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ledger_station_day ON ledger(station, created_at);
CREATE INDEX IF NOT EXISTS ledger_device ON ledger(device_id, device_seq);
CREATE TABLE IF NOT EXISTS rejections (
    op_id       TEXT NOT NULL,
    station     TEXT NOT NULL,
    code        TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS security_log (
    at          TEXT NOT NULL,
    station     TEXT,
    event       TEXT NOT NULL,
    detail      TEXT NOT NULL
);
-- A projection of the parcels ops, for reports.
CREATE TABLE IF NOT EXISTS parcels (
    parcel_id     TEXT PRIMARY KEY,
    station       TEXT NOT NULL,
    waybill       TEXT NOT NULL,
    status        TEXT NOT NULL,
    received_at   TEXT NOT NULL,
    picked_up_at  TEXT,
    returned_at   TEXT
);
CREATE INDEX IF NOT EXISTS parcels_station ON parcels(station, status);
CREATE TABLE IF NOT EXISTS sms_outbox (
    notification_id TEXT PRIMARY KEY,
    station         TEXT NOT NULL,
    parcel_id       TEXT,
    phone           TEXT NOT NULL,
    body            TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'queued',
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);
CREATE TABLE IF NOT EXISTS feed (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    station     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feed_station ON feed(station, seq);
CREATE TABLE IF NOT EXISTS reference (
    kind        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    body        BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (kind, version)
);
-- Station app releases the county hosts; stations are told, never updated without the clerk.
CREATE TABLE IF NOT EXISTS releases (
    version     TEXT PRIMARY KEY,
    url         TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
-- A device id belongs to the station that first enrolled it; high_seq is the highest device_seq it sent.
CREATE TABLE IF NOT EXISTS devices (
    device_id   TEXT PRIMARY KEY,
    station     TEXT NOT NULL,
    token_hash  TEXT NOT NULL,
    enrolled_at TEXT NOT NULL,
    high_seq    INTEGER NOT NULL DEFAULT 0
);
-- Sequence numbers a device skipped (seen when a later one arrived): reported, never adopted.
CREATE TABLE IF NOT EXISTS seq_gaps (
    device_id   TEXT NOT NULL,
    station     TEXT NOT NULL,
    from_seq    INTEGER NOT NULL,
    to_seq      INTEGER NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS seq_gaps_station ON seq_gaps(station, at);
-- The county's own settings (its SMS template and limits); absent keys take the defaults in code.
CREATE TABLE IF NOT EXISTS server_settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL
);
-- Columns added after the first release are added by storage.migrate (ALTER TABLE, once).
-- ----- the county console (sync/server/console): staff accounts, their sessions, the audit log ---------------
-- A person at the county who signs in to the web console; role admin (may change things) or viewer (reads).
CREATE TABLE IF NOT EXISTS console_users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    disabled_at   TEXT,
    failures      INTEGER NOT NULL DEFAULT 0,  -- failed sign-ins in a row
    locked_until  TEXT,
    last_login_at TEXT
);
-- Server-side sessions: the cookie holds a random token, the table only its hash (a stolen file signs no one in).
CREATE TABLE IF NOT EXISTS console_sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES console_users(id),
    csrf        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
-- Every change made through the console or the `user` commands: who, when, what.
CREATE TABLE IF NOT EXISTS console_audit (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    detail      TEXT NOT NULL,
    address     TEXT NOT NULL DEFAULT ''
);
-- The figures' projection (sync/server/rollups.py); also created by storage.migrate for older databases.
CREATE TABLE IF NOT EXISTS rollups (
    station     TEXT NOT NULL,
    day         TEXT NOT NULL,
    figure      TEXT NOT NULL,
    key         TEXT NOT NULL DEFAULT '',
    value       INTEGER NOT NULL,
    PRIMARY KEY (station, day, figure, key)
);
-- A county's figures read a period across all stations: by figure and day, not by station first.
CREATE INDEX IF NOT EXISTS rollups_figure_cover ON rollups(figure, day, station, key, value);
-- The same figures summed by month (YYYY-MM, China time), written with them: a period's whole months are read
-- here, its odd days from rollups.
CREATE TABLE IF NOT EXISTS rollups_month (
    station     TEXT NOT NULL,
    month       TEXT NOT NULL,
    figure      TEXT NOT NULL,
    key         TEXT NOT NULL DEFAULT '',
    value       INTEGER NOT NULL,
    PRIMARY KEY (station, month, figure, key)
);
CREATE INDEX IF NOT EXISTS rollups_month_cover ON rollups_month(figure, month, station, key, value);
-- The county's map: 统计用区划代码 (12 digits), county → township → 建制村 (sync/server/areas.py).
CREATE TABLE IF NOT EXISTS areas (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('county', 'township', 'village')),
    parent_code TEXT REFERENCES areas(code)
);
-- What the county knows of a station beyond its code and name (sync/server/stations.py). A table of its own
-- rather than new columns on stations: an older database gets it from this file at start, nothing to migrate.
CREATE TABLE IF NOT EXISTS station_records (
    code        TEXT PRIMARY KEY REFERENCES stations(code),
    village     TEXT REFERENCES areas(code),
    operator    TEXT NOT NULL DEFAULT '',
    services    TEXT NOT NULL DEFAULT '[]',
    jiaoyou     INTEGER NOT NULL DEFAULT 0,
    contact     TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL
);
-- A station's status over time: active / suspended / closed from a day (China time) on.
CREATE TABLE IF NOT EXISTS station_status (
    station     TEXT NOT NULL REFERENCES stations(code),
    status      TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'closed')),
    since       TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL,
    PRIMARY KEY (station, since)
);
-- The county's subsidy tiers (sync/server/subsidy.py): increase bands per area level, fen per piece or per band.
CREATE TABLE IF NOT EXISTS subsidy_tiers (
    level       TEXT NOT NULL,
    from_pieces INTEGER NOT NULL,
    to_pieces   INTEGER,
    mode        TEXT NOT NULL CHECK (mode IN ('piece', 'band')),
    fen         INTEGER NOT NULL,
    PRIMARY KEY (level, from_pieces)
);
-- ----- pickup texts (sync/server/sms): the outbox above holds one row per parcel asked for at ingest; the sender
-- merges a phone's rows into one text, sends it once, and follows its receipt.
CREATE TABLE IF NOT EXISTS sms_texts (
    text_id      TEXT PRIMARY KEY,
    station      TEXT NOT NULL,
    phone        TEXT NOT NULL,
    kind         TEXT NOT NULL,               -- arrival · reminder · test
    body         TEXT NOT NULL,               -- as the county's template renders it
    params       TEXT NOT NULL,               -- the template's variables (JSON, in the template's order)
    parcels      INTEGER NOT NULL,
    state        TEXT NOT NULL DEFAULT 'queued',  -- queued · sending · sent · delivered · failed · unknown
    gateway      TEXT NOT NULL DEFAULT '',
    provider_id  TEXT,
    reason       TEXT NOT NULL DEFAULT '',
    code         TEXT NOT NULL DEFAULT '',    -- the provider's own code
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_at      TEXT NOT NULL,               -- not before (quiet hours, limits, back-off)
    claimed_by   TEXT,
    claimed_at   TEXT,
    checked_at   TEXT,                        -- receipt last asked for
    created_at   TEXT NOT NULL,
    sent_at      TEXT,
    done_at      TEXT
);
CREATE INDEX IF NOT EXISTS sms_texts_queue ON sms_texts(state, next_at);
CREATE INDEX IF NOT EXISTS sms_texts_phone ON sms_texts(phone, sent_at);
CREATE INDEX IF NOT EXISTS sms_texts_station ON sms_texts(station, created_at);
CREATE INDEX IF NOT EXISTS sms_texts_provider ON sms_texts(gateway, provider_id);
-- which parcels' notifications a text carries
CREATE TABLE IF NOT EXISTS sms_text_parts (
    notification_id TEXT PRIMARY KEY,
    text_id         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sms_text_parts_text ON sms_text_parts(text_id);
-- 退订: phones that asked for no texts, kept at the county
CREATE TABLE IF NOT EXISTS sms_optout (
    phone  TEXT PRIMARY KEY,
    at     TEXT NOT NULL,
    note   TEXT NOT NULL DEFAULT ''
);
-- the provider refused the county's account (balance, template, signature, credentials): sending paused
CREATE TABLE IF NOT EXISTS sms_alarms (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    gateway     TEXT NOT NULL,
    reason      TEXT NOT NULL,
    code        TEXT NOT NULL,
    detail      TEXT NOT NULL,
    cleared_at  TEXT
);
-- Who read which county message (sync/server/message_reads.py): kept at ingest from `message.read` ops, in the
-- ledger's transaction, and rebuilt with the figures. One row per station and feed item: the first read counts.
CREATE TABLE IF NOT EXISTS message_reads (
    station     TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    read_at     TEXT NOT NULL,
    PRIMARY KEY (station, seq)
);
-- ----- the city above the county (sync/server/city_push.py): the city server this county pushes its daily
-- rollups to (one row), and each day's digest as the city acknowledged it (a day whose rows changed goes again).
CREATE TABLE IF NOT EXISTS city_link (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    url          TEXT NOT NULL,
    county       TEXT NOT NULL,
    name         TEXT NOT NULL,
    token        TEXT NOT NULL,
    enrolled_at  TEXT NOT NULL,
    next_seq     BIGINT NOT NULL DEFAULT 1,
    last_push_at TEXT,
    last_error   TEXT
);
CREATE TABLE IF NOT EXISTS city_pushed_days (
    day         TEXT PRIMARY KEY,
    digest      TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    pushed_at   TEXT NOT NULL
);
-- ---- 问题件 line (issue 16, sync/server/exceptions.py) -------------------------------------------------------
-- The exceptions, complaints and claims the stations registered, one row per station and entry, kept at ingest
-- from the exception.* ops in the ledger's transaction and rebuilt with the figures. No villager's personal data:
-- the ops carry none beyond a masked name and a phone's last four digits, and neither is kept here.
CREATE TABLE IF NOT EXISTS exception_cases (
    station         TEXT NOT NULL,
    exception_id    TEXT NOT NULL,
    number          TEXT NOT NULL,
    kind            TEXT NOT NULL,
    topic           TEXT NOT NULL DEFAULT '',
    raised_by       TEXT NOT NULL,
    courier         TEXT NOT NULL DEFAULT '',
    parcels         INTEGER NOT NULL DEFAULT 0,
    unknown_parcels INTEGER NOT NULL DEFAULT 0,
    registered_at   TEXT NOT NULL,
    registered_day  TEXT NOT NULL,
    deadline_at     TEXT NOT NULL,
    status          TEXT NOT NULL,
    started_at      TEXT,
    resolved_at     TEXT,
    resolved_day    TEXT,
    outcome         TEXT NOT NULL DEFAULT '',
    amount_fen      BIGINT NOT NULL DEFAULT 0,
    resolve_minutes BIGINT,
    PRIMARY KEY (station, exception_id)
);
CREATE INDEX IF NOT EXISTS exception_cases_status ON exception_cases(status, deadline_at);
CREATE INDEX IF NOT EXISTS exception_cases_registered ON exception_cases(registered_day);
CREATE INDEX IF NOT EXISTS exception_cases_resolved ON exception_cases(resolved_day);
