-- City server storage (sync/city). Times are UTC ISO-8601 text; days are China-time business days (YYYY-MM-DD).
-- SQL kept portable to PostgreSQL: no rowid, no PRAGMA in queries, upserts with ON CONFLICT.
-- A county the city knows; token_hash is its credential (the token itself only the county keeps).
CREATE TABLE IF NOT EXISTS counties (
    code          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    token_hash    TEXT UNIQUE,
    enrolled_at   TEXT,
    revoked_at    TEXT,
    last_push_at  TEXT,
    high_seq      BIGINT NOT NULL DEFAULT 0   -- the highest batch sequence applied from this county
);
CREATE TABLE IF NOT EXISTS county_enrolment_codes (
    code_hash   TEXT PRIMARY KEY,
    county      TEXT NOT NULL REFERENCES counties(code),
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);
-- Every batch applied, by its id: a resend is answered from here and changes nothing.
CREATE TABLE IF NOT EXISTS push_batches (
    county      TEXT NOT NULL,
    batch_id    TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    received_at TEXT NOT NULL,
    answer      TEXT NOT NULL,
    PRIMARY KEY (county, batch_id)
);
-- Which batch last wrote a county's day: an older batch arriving late never overwrites a newer one.
CREATE TABLE IF NOT EXISTS county_days (
    county      TEXT NOT NULL,
    day         TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    row_count   BIGINT NOT NULL,
    pushed_at   TEXT NOT NULL,
    PRIMARY KEY (county, day)
);
-- The counties' rollups as pushed (a county's day replaced whole), and the same summed by month.
CREATE TABLE IF NOT EXISTS city_rollups (
    county      TEXT NOT NULL,
    station     TEXT NOT NULL,
    day         TEXT NOT NULL,
    figure      TEXT NOT NULL,
    key         TEXT NOT NULL DEFAULT '',
    value       BIGINT NOT NULL,
    PRIMARY KEY (county, day, station, figure, key)
);
CREATE INDEX IF NOT EXISTS city_rollups_figure_day ON city_rollups(figure, day);
CREATE TABLE IF NOT EXISTS city_rollups_month (
    county      TEXT NOT NULL,
    station     TEXT NOT NULL,
    month       TEXT NOT NULL,
    figure      TEXT NOT NULL,
    key         TEXT NOT NULL DEFAULT '',
    value       BIGINT NOT NULL,
    PRIMARY KEY (county, month, station, figure, key)
);
CREATE INDEX IF NOT EXISTS city_rollups_month_figure ON city_rollups_month(figure, month);
-- Each county's map and stations as it last pushed them (no contacts, no personal data).
CREATE TABLE IF NOT EXISTS city_areas (
    county      TEXT NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL,
    parent_code TEXT,
    PRIMARY KEY (county, code)
);
CREATE TABLE IF NOT EXISTS city_stations (
    county      TEXT NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    village     TEXT NOT NULL DEFAULT '',
    added_day   TEXT NOT NULL,
    PRIMARY KEY (county, code)
);
CREATE TABLE IF NOT EXISTS city_station_status (
    county      TEXT NOT NULL,
    station     TEXT NOT NULL,
    since       TEXT NOT NULL,
    status      TEXT NOT NULL,
    PRIMARY KEY (county, station, since)
);
-- The console's accounts, sessions, audit and security logs: the county console's own tables
-- (sync/server/schema.sql), so its login, users and CSRF code serve the city unchanged.
CREATE TABLE IF NOT EXISTS security_log (
    at          TEXT NOT NULL,
    station     TEXT,
    event       TEXT NOT NULL,
    detail      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS console_users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    disabled_at   TEXT,
    failures      INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,
    last_login_at TEXT
);
CREATE TABLE IF NOT EXISTS console_sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES console_users(id),
    csrf        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS console_audit (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    detail      TEXT NOT NULL,
    address     TEXT NOT NULL DEFAULT ''
);
