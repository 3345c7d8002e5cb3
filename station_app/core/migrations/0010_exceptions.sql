-- 问题件 (issue 16): the exceptions, complaints and claims register. One row per exception, its step times and
-- clerks; the waybills and photos it names in tables of their own. Rows change only with their op
-- (core/exceptions_register.py).
CREATE TABLE exceptions (
    id              TEXT PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,           -- E261125-001: what the slip and the clerk say
    kind            TEXT NOT NULL,
    topic           TEXT NOT NULL DEFAULT '',       -- a complaint's subject (double_charge, not_notified …)
    raised_by       TEXT NOT NULL CHECK (raised_by IN ('villager', 'courier')),
    raiser_name     TEXT NOT NULL DEFAULT '',
    raiser_phone    TEXT NOT NULL DEFAULT '',       -- full here (to call back); masked on screen and slip
    courier         TEXT NOT NULL DEFAULT '',
    description     TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'registered'
                    CHECK (status IN ('registered', 'in_progress', 'resolved')),
    registered_at   TEXT NOT NULL,
    registered_by   TEXT NOT NULL,
    deadline_days   INTEGER NOT NULL,
    deadline_at     TEXT NOT NULL,
    started_at      TEXT,
    started_by      TEXT,
    progress_note   TEXT NOT NULL DEFAULT '',
    resolved_at     TEXT,
    resolved_by     TEXT,
    outcome         TEXT NOT NULL DEFAULT '',
    amount_fen      INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
    reason          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX exceptions_open ON exceptions(status, deadline_at);
CREATE TABLE exception_parcels (
    exception_id    TEXT NOT NULL REFERENCES exceptions(id),
    waybill         TEXT NOT NULL,
    parcel_id       TEXT REFERENCES parcels(id),    -- NULL: a waybill not in this station's system, noted as such
    PRIMARY KEY (exception_id, waybill)
);
CREATE TABLE exception_photos (
    exception_id    TEXT NOT NULL REFERENCES exceptions(id),
    file_name       TEXT NOT NULL,                  -- under exception_photos/ in the data folder
    sha256          TEXT NOT NULL,
    PRIMARY KEY (exception_id, file_name)
);
